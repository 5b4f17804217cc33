using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Runner.Domain.Persistence;

namespace Runner.Domain.Secrets;

/// <summary>
/// Creates and unwraps tenants' data keys. Unwrapped keys are cached briefly so a resync or a
/// burst of requests costs one KEK operation, not one per secret.
/// </summary>
public sealed class TenantDataKeys(RunnerDbContext db, IKeyEncryptionKeyProvider kek, IMemoryCache cache, TimeProvider clock)
{
    private static readonly TimeSpan CacheFor = TimeSpan.FromMinutes(10);

    /// <summary>Adds a new wrapped data key for the tenant to the unit of work (saved by the caller).</summary>
    public async Task CreateAsync(Guid tenantId, CancellationToken ct)
    {
        var current = await kek.GetCurrentAsync(ct);
        var dataKey = RandomNumberGenerator.GetBytes(32);
        db.TenantDataKeys.Add(new TenantDataKey
        {
            TenantId = tenantId,
            WrappedKey = AeadBox.Seal(current.Material, dataKey, AssociatedData(tenantId)),
            KekId = current.Id,
            CreatedAt = clock.GetUtcNowForDatabase(),
        });
    }

    public async Task<byte[]> GetAsync(Guid tenantId, CancellationToken ct)
    {
        if (cache.TryGetValue(CacheKey(tenantId), out byte[]? cached) && cached is not null)
        {
            return cached;
        }
        var stored = await db.TenantDataKeys.AsNoTracking().SingleOrDefaultAsync(k => k.TenantId == tenantId, ct)
            ?? throw new CryptographicException($"Tenant '{tenantId}' has no data key.");
        var wrappingKey = await kek.GetAsync(stored.KekId, ct);
        var dataKey = AeadBox.Open(wrappingKey.Material, stored.WrappedKey, AssociatedData(tenantId));
        cache.Set(CacheKey(tenantId), dataKey, CacheFor);
        return dataKey;
    }

    private static string CacheKey(Guid tenantId) => $"runner:data-key:{tenantId:N}";

    private static byte[] AssociatedData(Guid tenantId) => Encoding.UTF8.GetBytes($"runner-data-key:{tenantId:N}");
}
