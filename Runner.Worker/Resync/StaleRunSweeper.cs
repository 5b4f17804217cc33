using Hangfire;
using Microsoft.Extensions.Options;
using Runner.Domain.Catalog;
using Runner.Domain.Resync;
using Runner.Domain.Resync.Execution;
using Runner.Domain.Resync.Runs;
using Runner.Domain.Tenants;

namespace Runner.Worker.Resync;

/// <summary>
/// Finds runs whose Worker died (no heartbeat), marks them abandoned and queues a fresh run that
/// re-does the resync from the start. Every Worker sweeps; the database hands each run to one.
/// </summary>
internal sealed partial class StaleRunSweeper(IServiceScopeFactory scopes, ResyncHeartbeats heartbeats, IOptions<ResyncOptions> options,
    TimeProvider clock, ILogger<StaleRunSweeper> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.SweepInterval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await SweepAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogSweepFailed(logger, e);
            }
        }
    }

    private async Task SweepAsync(CancellationToken ct)
    {
        foreach (var (runId, tenantId, installationId, trigger) in await heartbeats.AbandonStaleAsync(options.Value.HeartbeatTimeout, ct))
        {
            await using var scope = scopes.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<TenantContext>().Set(tenantId);
            await scope.ServiceProvider.GetRequiredService<CatalogWriter>().DropStagedAsync(runId, ct);
            var redo = await scope.ServiceProvider.GetRequiredService<ResyncRunService>()
                .TryQueueAsync(installationId, trigger == ResyncTrigger.Scheduled ? ResyncTrigger.Retry : trigger, dueAt: null, attempt: 1, retryOf: runId, ct);
            if (redo is not null)
            {
                scope.ServiceProvider.GetRequiredService<IBackgroundJobClient>().Enqueue<ResyncJob>(job => job.RunAsync(redo.Id, CancellationToken.None));
            }
            LogAbandoned(logger, runId, installationId, redo?.Id);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Resync run {RunId} of installation {InstallationId} was abandoned (no heartbeat); re-doing it as run {NewRunId}")]
    private static partial void LogAbandoned(ILogger logger, Guid runId, Guid installationId, Guid? newRunId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Sweeping abandoned resync runs failed")]
    private static partial void LogSweepFailed(ILogger logger, Exception exception);
}
