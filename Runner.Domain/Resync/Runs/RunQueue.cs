using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Runner.Domain.Persistence;
using Runner.Domain.Resync.Execution;

namespace Runner.Domain.Resync.Runs;

/// <summary>
/// The one place a run is queued (trigger, schedule, retry, re-do, catch-up, deferral): it records the run
/// and enqueues or schedules its Hangfire job. A job that cannot be enqueued is logged, not thrown: the run
/// stays queued and <see cref="QueuedRunSweep"/> dispatches it again, so the installation is never blocked.
/// </summary>
public sealed partial class RunQueue(
    RunnerDbContext db, IBackgroundJobClient backgroundJobs, IOptions<ResyncOptions> options, TimeProvider clock, ILogger<RunQueue> logger)
{
    /// <summary>Adds a queued run to the unit of work; the caller saves it (in its own transaction), then calls <see cref="DispatchAsync"/>.</summary>
    public ResyncRun Add(Guid installationId, ResyncTrigger trigger, DateTimeOffset? dueAt = null, int attempt = 1, Guid? retryOf = null)
    {
        var run = new ResyncRun
        {
            InstallationId = installationId,
            Trigger = trigger,
            Status = ResyncRunStatus.Queued,
            QueuedAt = clock.GetUtcNowForDatabase(),
            DueAt = dueAt,
            Attempt = attempt,
            RetryOf = retryOf,
            Report = new ResyncReport(),
        };
        db.ResyncRuns.Add(run);
        return run;
    }

    /// <summary>Records a queued run and dispatches its job after <paramref name="delay"/>; null when the database says one is already active.</summary>
    public async Task<ResyncRun?> TryQueueAsync(Guid installationId, ResyncTrigger trigger, CancellationToken ct,
        DateTimeOffset? dueAt = null, int attempt = 1, Guid? retryOf = null, TimeSpan? delay = null)
    {
        var run = Add(installationId, trigger, dueAt, attempt, retryOf);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            db.ResyncRuns.Remove(run);
            return null;
        }
        await DispatchAsync(run.Id, delay, ct);
        return run;
    }

    /// <summary>At most two automatic retries, four times further apart each time; the next scheduled run is the real retry.</summary>
    public async Task RetryAsync(ResyncRun failed)
    {
        if (failed.Attempt >= ResyncOptions.MaxAttempts)
        {
            return;
        }
        var delay = options.Value.RetryDelay * Math.Pow(4, failed.Attempt - 1);
        await TryQueueAsync(failed.InstallationId, ResyncTrigger.Retry, CancellationToken.None, failed.DueAt, failed.Attempt + 1, failed.Id, delay);
    }

    /// <summary>The run waits for its tenant's share without holding a worker thread: its job asks again later.</summary>
    public Task DeferAsync(Guid runId) => DispatchAsync(runId, options.Value.DeferDelay, CancellationToken.None);

    /// <summary>Enqueues (or schedules) the job of a committed queued run and remembers the job's id for the sweep.</summary>
    public async Task DispatchAsync(Guid runId, TimeSpan? delay, CancellationToken ct)
    {
        string jobId;
        try
        {
            jobId = delay is { } wait && wait > TimeSpan.Zero
                ? backgroundJobs.Schedule<ResyncJob>(job => job.RunAsync(runId, CancellationToken.None), wait)
                : backgroundJobs.Enqueue<ResyncJob>(job => job.RunAsync(runId, CancellationToken.None));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogDispatchFailed(logger, e, runId);
            return;
        }
        try
        {
            await db.ResyncRuns.Where(r => r.Id == runId).ExecuteUpdateAsync(s => s.SetProperty(r => r.JobId, jobId), ct);
        }
        catch (Exception e) when (e is Npgsql.NpgsqlException or TimeoutException or InvalidOperationException { InnerException: Npgsql.NpgsqlException })
        {
            // The job exists; at worst the sweep, not knowing it, enqueues a second one, which finds the run taken.
            LogJobIdNotRecorded(logger, e, runId);
        }
    }

    /// <summary>Records a run that ends as it is created (skipped, or failed fast), so the history says why nothing ran.</summary>
    public async Task RecordEndedAsync(Guid installationId, ResyncRunStatus status, DateTimeOffset dueAt, string reason, CancellationToken ct)
    {
        var now = clock.GetUtcNowForDatabase();
        db.ResyncRuns.Add(new ResyncRun
        {
            InstallationId = installationId,
            Trigger = ResyncTrigger.Scheduled,
            Status = status,
            QueuedAt = now,
            FinishedAt = now,
            DueAt = dueAt,
            Reason = reason,
            Error = status == ResyncRunStatus.Failed ? reason : null,
            Report = new ResyncReport(),
        });
        await db.SaveChangesAsync(ct);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not enqueue the job of resync run {RunId}; it stays queued and the sweep dispatches it again")]
    private static partial void LogDispatchFailed(ILogger logger, Exception exception, Guid runId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not record the job of resync run {RunId}")]
    private static partial void LogJobIdNotRecorded(ILogger logger, Exception exception, Guid runId);
}
