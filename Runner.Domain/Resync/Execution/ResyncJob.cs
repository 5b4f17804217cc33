using Hangfire;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Runner.Domain.Resync.Runs;

namespace Runner.Domain.Resync.Execution;

/// <summary>
/// The Hangfire job that executes one run. Arguments are ids only, so nothing about the tenant (let
/// alone a secret) lands in Hangfire's tables. A run whose tenant already has its share of runs
/// going is not held on a worker thread: the job re-schedules itself and ends. Retries are the
/// engine's decision, not Hangfire's default ten attempts.
/// </summary>
public sealed partial class ResyncJob(ResyncRunRecorder recorder, ResyncEngine engine, IBackgroundJobClient jobs,
    IOptions<ResyncOptions> options, ILogger<ResyncJob> logger)
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
            jobs.Schedule<ResyncJob>(job => job.RunAsync(runId, CancellationToken.None), options.Value.DeferDelay);
            return;
        }
        switch (outcome)
        {
            case ResyncRunRecorder.ClaimOutcome.Started:
                await engine.RunAsync(run!, ct);
                break;
            case ResyncRunRecorder.ClaimOutcome.Deferred:
                jobs.Schedule<ResyncJob>(job => job.RunAsync(runId, CancellationToken.None), options.Value.DeferDelay);
                break;
            default:
                LogNotQueued(logger, runId, run?.Status);
                break;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not claim resync run {RunId}; trying again shortly")]
    private static partial void LogClaimFailed(ILogger logger, Exception exception, Guid runId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Resync run {RunId} is not queued ({Status}); nothing to do")]
    private static partial void LogNotQueued(ILogger logger, Guid runId, ResyncRunStatus? status);
}
