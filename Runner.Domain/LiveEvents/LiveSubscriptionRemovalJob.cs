using Hangfire;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using Runner.Domain.Installations;
using Runner.Domain.Integrations;
using Runner.Domain.Tenants;

namespace Runner.Domain.LiveEvents;

/// <summary>
/// Removes a deleted installation's service hook subscriptions from Azure DevOps, in the background. The installation
/// row is gone by then, so the job carries what opening its source needs: its plain settings and which Port secret
/// holds each sensitive one (ids, never a value). Safe to run twice (the second finds nothing to remove).
/// </summary>
public sealed partial class LiveSubscriptionRemovalJob(
    TenantContext tenant, IntegrationSources sources, NpgsqlDataSource dataSource, IOptions<LiveEventsOptions> options, ILogger<LiveSubscriptionRemovalJob> logger)
{
    [AutomaticRetry(Attempts = 5)]
    public async Task RunAsync(Guid tenantId, Guid installationId, string integrationType, string settingsJson, Dictionary<string, Guid> secretIds, CancellationToken ct)
    {
        if (options.Value.PublicBaseUrl is not { } publicBaseUrl)
        {
            return;
        }
        tenant.Set(tenantId);
        var gone = new Installation
        {
            Id = installationId,
            TenantId = tenantId,
            IntegrationType = integrationType,
            Name = "",
            SettingsJson = settingsJson,
            MappingText = "",
            Secrets = [.. secretIds.Select(s => new InstallationSecret { InstallationId = installationId, SettingName = s.Key, SecretId = s.Value, TenantId = tenantId })],
        };
        // After a check still running on it: what that check creates is then found and removed here.
        await using var held = await SubscriptionLock.WaitAsync(dataSource, installationId, ct);
        using var source = await sources.OpenAsync(gone, live: true, ct);
        // Nothing is created when nothing is wanted, so no password is needed.
        var outcome = await ((ILiveSubscriptions)source).SyncAsync(
            LiveSubscriptionSync.CallbackFor(publicBaseUrl, installationId), WebhookCredentials.UserName, "", [], ct);
        if (outcome.Refusal is not null)
        {
            // Azure DevOps will get 401 from the intake and put them on probation; nothing more Runner can do.
            LogRefused(logger, installationId, outcome.Refusal);
            return;
        }
        LogRemoved(logger, outcome.Removed, installationId);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Removed {Count} service hook subscriptions of deleted installation {InstallationId}")]
    private static partial void LogRemoved(ILogger logger, int count, Guid installationId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Azure DevOps refused to remove the service hook subscriptions of deleted installation {InstallationId}: {Reason}")]
    private static partial void LogRefused(ILogger logger, Guid installationId, string reason);
}
