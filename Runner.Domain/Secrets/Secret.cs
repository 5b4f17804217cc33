using System.Text;
using Runner.Domain.Tenants;

namespace Runner.Domain.Secrets;

/// <summary>A Port secret: a named value sealed with the tenant's data key. There is no plaintext column.</summary>
public sealed class Secret : ITenantOwned
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid TenantId { get; set; }

    /// <summary>Fixed for the secret's life: it is part of the associated data of <see cref="SealedValue"/>.</summary>
    public required string Name { get; init; }

    public required byte[] SealedValue { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Tenant id and name: a sealed value moved to another tenant or name does not open.</summary>
    internal static byte[] AssociatedData(Guid tenantId, string name) => Encoding.UTF8.GetBytes($"runner-secret:{tenantId:N}:{name}");
}
