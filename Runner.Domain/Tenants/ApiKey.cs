namespace Runner.Domain.Tenants;

public sealed class ApiKey : ITenantOwned
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid TenantId { get; set; }
    public required string Name { get; set; }
    public ApiKeyRole Role { get; set; }

    /// <summary>SHA-256 of the key; the key itself is shown once and never stored.</summary>
    public required byte[] KeyHash { get; init; }

    /// <summary>The key's first characters, so people can tell their keys apart.</summary>
    public required string Prefix { get; init; }

    public DateTimeOffset CreatedAt { get; init; }
}
