using System.Text;
using Microsoft.EntityFrameworkCore;
using Runner.Domain.Common;
using Runner.Domain.Persistence;
using Runner.Domain.Tenants;

namespace Runner.Domain.Secrets;

/// <summary>
/// The one place that opens sealed secrets, for code that must hand the plaintext to a tenant's
/// system (the resync). The API never resolves it.
/// </summary>
public sealed class SecretReader(RunnerDbContext db, TenantContext tenant, TenantDataKeys dataKeys)
{
    public async Task<string> RevealAsync(Guid secretId, CancellationToken ct)
    {
        var secret = await db.Secrets.AsNoTracking().SingleOrDefaultAsync(s => s.Id == secretId, ct)
            ?? throw new NotFoundException($"Secret '{secretId}'");
        var dataKey = await dataKeys.GetAsync(tenant.TenantId, ct);
        var plaintext = AeadBox.Open(dataKey, secret.SealedValue, Secret.AssociatedData(secret.TenantId, secret.Name));
        return Encoding.UTF8.GetString(plaintext);
    }
}
