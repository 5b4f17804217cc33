using Hangfire;
using Microsoft.Extensions.Logging;
using Runner.Domain.Hosting;
using Runner.Domain.Resync.Runs;

namespace Runner.Domain.Resync.Execution;

/// <summary>
/// The Hangfire job that owns one run's lifecycle: claim, heartbeat, progress, finish, retry, and requeue
/// on shutdown; what a resync does is <see cref="ResyncPipeline"/>'s. Arguments are ids only, so nothing
/// about the tenant (let alone a secret) lands in Hangfire's tables. A run whose tenant already has its
/// share going is not held on a worker thread: it is deferred. Retries are this job's decision, not
/// Hangfire's default ten attempts.
/// </summary>
public sealed partial class ResyncJob(
    ResyncRunRecorder recorder, ResyncPipeline pipeline, RunQueue queue, ResyncHeartbeats heartbeats, ResyncMetrics metrics, ILogger<ResyncJob> logger)
{
    [AutomaticRetry(Attempts = 0)]
    public async Task RunAsync(Guid runId, CancellationToken ct)
    {
        ResyncRunRecorder.ClaimOutcome outcome;
        ResyncRun? run;
        try
        {
            (outcome, run) = await recorder.ClaimAsync(runId, ct);
        }
        catch (Exception e) when (e is Npgsql.NpgsqlException or TimeoutException or InvalidOperationException { InnerException: Npgsql.NpgsqlException })
        {
            // The run is still queued: failing this job would strand it (and block the installation's schedule).
            LogClaimFailed(logger, e, runId);
            await queue.DeferAsync(runId);
            return;
        }
        switch (outcome)
        {
            case ResyncRunRecorder.ClaimOutcome.Started:
                await ExecuteAsync(run!, ct);
                break;
            case ResyncRunRecorder.ClaimOutcome.Deferred:
                await queue.DeferAsync(runId);
                break;
            default:
                LogNotQueued(logger, runId, run?.Status);
                break;
        }
    }

    private async Task ExecuteAsync(ResyncRun run, CancellationToken ct)
    {
        using var activity = RunnerTelemetry.ActivitySource.StartActivity("resync");
        activity?.SetTag("runner.run_id", run.Id);
        activity?.SetTag("runner.installation_id", run.InstallationId);
        metrics.Started(run);
        var report = run.Report;
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(ct);
        RunOutcome outcome;
        await using (heartbeats.Start(run.Id, cancel))
        {
            try
            {
                await pipeline.RunAsync(run, report, new RunProgress(recorder, run, cancel), cancel.Token);
                outcome = RunOutcome.Completed(report);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                // The Worker is stopping: hand the run back, and let Hangfire requeue the job for another Worker.
                await recorder.RequeueAsync(run, CancellationToken.None);
                throw;
            }
            catch (Exception e)
            {
                outcome = RunOutcome.Failed(e, cancel.IsCancellationRequested, activity?.TraceId.ToString() ?? "none");
                LogFailure(e, run, outcome);
            }
        }
        await recorder.FinishAsync(run, outcome, CancellationToken.None);
        metrics.Finished(run, report);
        LogFinished(logger, run.Id, outcome.Status);
        if (outcome.Retry)
        {
            await queue.RetryAsync(run);
        }
    }

    private void LogFailure(Exception e, ResyncRun run, RunOutcome outcome)
    {
        if (outcome.Unexpected)
        {
            LogUnexpected(logger, e, run.Id);
        }
        else if (outcome.InstallationBecomes == Installations.InstallationStatus.NeedsAttention)
        {
            LogCredentialsRefused(logger, run.Id, run.InstallationId);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not claim resync run {RunId}; trying again shortly")]
    private static partial void LogClaimFailed(ILogger logger, Exception exception, Guid runId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Resync run {RunId} is not queued ({Status}); nothing to do")]
    private static partial void LogNotQueued(ILogger logger, Guid runId, ResyncRunStatus? status);

    [LoggerMessage(Level = LogLevel.Error, Message = "Resync run {RunId} failed unexpectedly")]
    private static partial void LogUnexpected(ILogger logger, Exception exception, Guid runId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Resync run {RunId} finished: {Status}")]
    private static partial void LogFinished(ILogger logger, Guid runId, ResyncRunStatus status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Resync run {RunId}: the source rejected the credentials of installation {InstallationId}; it needs attention")]
    private static partial void LogCredentialsRefused(ILogger logger, Guid runId, Guid installationId);
}
