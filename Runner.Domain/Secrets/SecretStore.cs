using System.Text;
using Microsoft.EntityFrameworkCore;
using Runner.Domain.Common;
using Runner.Domain.Persistence;
using Runner.Domain.Tenants;

namespace Runner.Domain.Secrets;

/// <summary>
/// The caller's tenant's secrets: create, rotate, list, delete. It seals values but never opens
/// them; only <see cref="SecretReader"/> does, for the code that must use the plaintext.
/// </summary>
public sealed class SecretStore(RunnerDbContext db, TenantContext tenant, TenantDataKeys dataKeys, TimeProvider clock)
{
    public sealed record Listed(Secret Secret, IReadOnlyList<InstallationRef> UsedBy);

    public sealed record InstallationRef(Guid Id, string Name);

    public async Task<Secret> CreateAsync(string? name, string? value, CancellationToken ct)
    {
        var secret = await AddAsync(name, value, "name", "value", ct);
        await SaveAsync(secret.Name, ct);
        return secret;
    }

    /// <summary>Validates and adds a new secret to the unit of work; the caller saves it.</summary>
    public async Task<Secret> AddAsync(string? name, string? value, string nameField, string valueField, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        SecretRules.CheckName(name, nameField, errors);
        SecretRules.CheckValue(value, valueField, errors);
        errors.ThrowIfAny();
        if (await db.Secrets.AnyAsync(s => s.Name == name, ct))
        {
            throw NameTaken(name!);
        }
        var now = clock.GetUtcNowForDatabase();
        var secret = new Secret { Name = name!, SealedValue = await SealAsync(name!, value!, ct), CreatedAt = now, UpdatedAt = now };
        db.Secrets.Add(secret);
        return secret;
    }

    public async Task<Secret> RotateAsync(string name, string? value, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        SecretRules.CheckValue(value, "value", errors);
        errors.ThrowIfAny();
        var secret = await FindAsync(name, ct);
        secret.SealedValue = await SealAsync(name, value!, ct);
        secret.UpdatedAt = clock.GetUtcNowForDatabase();
        await db.SaveChangesAsync(ct);
        return secret;
    }

    public async Task<IReadOnlyList<Listed>> ListAsync(CancellationToken ct)
    {
        var secrets = await db.Secrets.AsNoTracking().OrderBy(s => s.Name).ToListAsync(ct);
        var usage = await UsageAsync(secretId: null, ct);
        return secrets.Select(s => new Listed(s, usage.GetValueOrDefault(s.Id, []))).ToList();
    }

    public async Task<Secret> FindAsync(string name, CancellationToken ct) =>
        await db.Secrets.SingleOrDefaultAsync(s => s.Name == name, ct) ?? throw new NotFoundException($"Secret '{name}'");

    public async Task DeleteAsync(string name, CancellationToken ct)
    {
        var secret = await FindAsync(name, ct);
        var users = await UsedByAsync(secret.Id, ct);
        if (users.Count > 0)
        {
            throw new ConflictException(
                $"Secret '{name}' is used by installation(s) {string.Join(", ", users.Select(u => $"'{u.Name}' ({u.Id})"))}; change their settings first.",
                new Dictionary<string, object?> { ["installations"] = users });
        }
        db.Secrets.Remove(secret);
        await db.SaveChangesAsync(ct);
    }

    public async Task<IReadOnlyList<InstallationRef>> UsedByAsync(Guid secretId, CancellationToken ct) =>
        (await UsageAsync(secretId, ct)).GetValueOrDefault(secretId, []);

    private async Task<Dictionary<Guid, List<InstallationRef>>> UsageAsync(Guid? secretId, CancellationToken ct)
    {
        var rows = await db.InstallationSecrets.AsNoTracking()
            .Where(r => secretId == null || r.SecretId == secretId)
            .Select(r => new { r.SecretId, r.Installation!.Id, r.Installation.Name })
            .Distinct()
            .ToListAsync(ct);
        return rows.GroupBy(r => r.SecretId)
            .ToDictionary(g => g.Key, g => g.OrderBy(r => r.Name).Select(r => new InstallationRef(r.Id, r.Name)).ToList());
    }

    private async Task SaveAsync(string name, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            throw NameTaken(name);
        }
    }

    private async Task<byte[]> SealAsync(string name, string value, CancellationToken ct)
    {
        var dataKey = await dataKeys.GetAsync(tenant.TenantId, ct);
        return AeadBox.Seal(dataKey, Encoding.UTF8.GetBytes(value), Secret.AssociatedData(tenant.TenantId, name));
    }

    private static ConflictException NameTaken(string name) => new($"A secret named '{name}' already exists.");
}
