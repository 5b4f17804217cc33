using Microsoft.EntityFrameworkCore;
using Runner.Domain.Common;
using Runner.Domain.Persistence;

namespace Runner.Domain.Tenants;

/// <summary>The caller's tenant's keys: create (shown once), list (never the key), delete.</summary>
public sealed class ApiKeyService(RunnerDbContext db, TimeProvider clock)
{
    public sealed record Created(ApiKey ApiKey, string Key);

    public async Task<Created> CreateAsync(string? name, string? role, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        var trimmed = NameRules.Check(name, errors);
        ApiKeyRole parsedRole = default;
        if (role is null)
        {
            errors.Add("role", "is required");
        }
        else if (!TryParseRole(role, out parsedRole))
        {
            errors.Add("role", "must be one of admin, member");
        }
        errors.ThrowIfAny();

        var (key, hash, prefix) = ApiKeyMaterial.Create();
        var apiKey = new ApiKey { Name = trimmed!, Role = parsedRole, KeyHash = hash, Prefix = prefix, CreatedAt = clock.GetUtcNowForDatabase() };
        db.ApiKeys.Add(apiKey);
        await db.SaveChangesAsync(ct);
        return new Created(apiKey, key);
    }

    public Task<List<ApiKey>> ListAsync(CancellationToken ct) =>
        db.ApiKeys.AsNoTracking().OrderBy(k => k.CreatedAt).ToListAsync(ct);

    public async Task DeleteAsync(Guid id, CancellationToken ct)
    {
        var apiKey = await db.ApiKeys.SingleOrDefaultAsync(k => k.Id == id, ct)
            ?? throw new NotFoundException($"API key '{id}'");
        if (apiKey.Role == ApiKeyRole.Admin
            && !await db.ApiKeys.AnyAsync(k => k.Id != id && k.Role == ApiKeyRole.Admin, ct))
        {
            throw new ConflictException("The tenant's last admin key cannot be deleted; create another admin key first.");
        }
        db.ApiKeys.Remove(apiKey);
        await db.SaveChangesAsync(ct);
    }

    private static bool TryParseRole(string value, out ApiKeyRole role)
    {
        role = value switch { "admin" => ApiKeyRole.Admin, "member" => ApiKeyRole.Member, _ => (ApiKeyRole)(-1) };
        return Enum.IsDefined(role);
    }
}
