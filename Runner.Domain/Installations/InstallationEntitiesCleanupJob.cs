using Hangfire;
using Microsoft.Extensions.Logging;
using Runner.Domain.Catalog;
using Runner.Domain.Tenants;

namespace Runner.Domain.Installations;

/// <summary>
/// Deletes a deleted installation's entities in batches, in the background: a large catalog would hold the
/// DELETE request for minutes. Arguments are ids only; safe to run twice (the second finds nothing).
/// </summary>
public sealed partial class InstallationEntitiesCleanupJob(TenantContext tenant, CatalogWriter writer, ILogger<InstallationEntitiesCleanupJob> logger)
{
    private const int BatchSize = 5000;

    [AutomaticRetry(Attempts = 5)]
    public async Task RunAsync(Guid tenantId, Guid installationId, CancellationToken ct)
    {
        tenant.Set(tenantId);
        long total = 0;
        int deleted;
        do
        {
            deleted = await writer.DeleteOfInstallationAsync(installationId, BatchSize, ct);
            total += deleted;
        }
        while (deleted == BatchSize);
        LogDeleted(logger, total, installationId);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted {Count} entities of deleted installation {InstallationId}")]
    private static partial void LogDeleted(ILogger logger, long count, Guid installationId);
}
