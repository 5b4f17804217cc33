using Runner.Domain.Common;
using Runner.Domain.Persistence;
using Runner.Domain.Secrets;

namespace Runner.Domain.Tenants;

/// <summary>Operator-side: creates a tenant with its first admin key and its wrapped data key.</summary>
public sealed class TenantRegistration(RunnerDbContext db, TenantContext tenant, TenantDataKeys dataKeys, TimeProvider clock)
{
    public sealed record Created(Tenant Tenant, string ApiKey);

    public async Task<Created> CreateAsync(string? name, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        var trimmed = NameRules.Check(name, errors);
        errors.ThrowIfAny();

        var now = clock.GetUtcNowForDatabase();
        var created = new Tenant { Name = trimmed!, CreatedAt = now };
        tenant.Set(created.Id);
        var (key, hash, prefix) = ApiKeyMaterial.Create();
        db.Tenants.Add(created);
        db.ApiKeys.Add(new ApiKey { Name = "first admin key", Role = ApiKeyRole.Admin, KeyHash = hash, Prefix = prefix, CreatedAt = now });
        await dataKeys.CreateAsync(created.Id, ct);
        await db.SaveChangesAsync(ct);
        return new Created(created, key);
    }
}
