using Microsoft.Extensions.Options;
using Runner.Domain.Catalog;
using Runner.Domain.Resync;
using Runner.Domain.Resync.Execution;
using Runner.Domain.Resync.Runs;
using Runner.Domain.Tenants;

namespace Runner.Worker.Resync;

/// <summary>
/// Every sweep interval: runs whose Worker died (no heartbeat) are marked abandoned and re-done from the
/// start by a fresh run, unless that run was already a re-do (quarantined); queued runs with no live job behind them get their job again;
/// finished runs past <see cref="ResyncOptions.RunRetention"/> are deleted. Every Worker sweeps;
/// the database hands each abandoned run to one, and a queued run's job is safe to run twice.
/// </summary>
internal sealed partial class RunSweeper(IServiceScopeFactory scopes, ResyncHeartbeats heartbeats, QueuedRunSweep queued,
    FinishedRunPruning pruning, IOptions<ResyncOptions> options, TimeProvider clock, ILogger<RunSweeper> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.SweepInterval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await SweepAbandonedAsync(stoppingToken);
                await SweepQueuedAsync(stoppingToken);
                if (await pruning.PruneAsync(options.Value.RunRetention, stoppingToken) is > 0 and var pruned)
                {
                    LogPruned(logger, pruned, options.Value.RunRetention.TotalDays);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogSweepFailed(logger, e);
            }
        }
    }

    private async Task SweepAbandonedAsync(CancellationToken ct)
    {
        foreach (var (runId, tenantId, installationId, trigger, quarantined) in await heartbeats.AbandonStaleAsync(options.Value.HeartbeatTimeout, ct))
        {
            await using var scope = scopes.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<TenantContext>().Set(tenantId);
            await scope.ServiceProvider.GetRequiredService<CatalogWriter>().DropStagedAsync(runId, ct);
            if (quarantined)
            {
                LogQuarantined(logger, runId, installationId);
                continue;
            }
            var redo = await scope.ServiceProvider.GetRequiredService<RunQueue>()
                .TryQueueAsync(installationId, trigger == ResyncTrigger.Scheduled ? ResyncTrigger.Retry : trigger, ct, retryOf: runId);
            LogAbandoned(logger, runId, installationId, redo?.Id);
        }
    }

    private async Task SweepQueuedAsync(CancellationToken ct)
    {
        foreach (var (runId, tenantId) in await queued.FindWithoutJobAsync(options.Value.QueuedJobGrace, ct))
        {
            await using var scope = scopes.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<TenantContext>().Set(tenantId);
            LogJobless(logger, runId);
            await scope.ServiceProvider.GetRequiredService<RunQueue>().DispatchAsync(runId, delay: null, ct);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Resync run {RunId} of installation {InstallationId} was abandoned (no heartbeat); re-doing it as run {NewRunId}")]
    private static partial void LogAbandoned(ILogger logger, Guid runId, Guid installationId, Guid? newRunId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Resync run {RunId} of installation {InstallationId} was quarantined: its Worker died twice running it; not re-doing it")]
    private static partial void LogQuarantined(ILogger logger, Guid runId, Guid installationId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Resync run {RunId} was queued with no live job behind it; enqueuing its job again")]
    private static partial void LogJobless(ILogger logger, Guid runId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted {Count} resync runs queued more than {Days} days ago")]
    private static partial void LogPruned(ILogger logger, int count, double days);

    [LoggerMessage(Level = LogLevel.Error, Message = "Sweeping resync runs failed")]
    private static partial void LogSweepFailed(ILogger logger, Exception exception);
}
