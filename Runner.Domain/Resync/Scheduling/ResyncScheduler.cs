using Hangfire;
using Microsoft.Extensions.Logging;
using Runner.Domain.Installations;

namespace Runner.Domain.Resync.Scheduling;

/// <summary>The one place recurring resync jobs are created, changed and removed (explicit ids from the installation id).</summary>
/// <remarks>
/// Called after the installation's rows are committed. A failure is logged, not thrown: the Worker's
/// <c>ScheduleRepair</c> adds a missing schedule at start-up, and an orphaned one removes itself when it fires.
/// </remarks>
public sealed partial class ResyncScheduler(IRecurringJobManager recurringJobs, TimeProvider clock, ILogger<ResyncScheduler> logger)
{
    public void Schedule(Installation installation) => Schedule(installation.Id, installation.ResyncIntervalHours);

    /// <summary>The schedule needs only the id and the interval (the Worker's start-up repair reads no more of each installation).</summary>
    public void Schedule(Guid installationId, int resyncIntervalHours)
    {
        try
        {
            recurringJobs.AddOrUpdate<ScheduledResyncJob>(
                ResyncCron.RecurringJobId(installationId),
                job => job.RunAsync(installationId, CancellationToken.None),
                ResyncCron.Cron(installationId, resyncIntervalHours),
                new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc, MisfireHandling = MisfireHandlingMode.Relaxed });
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogScheduleFailed(logger, e, installationId);
        }
    }

    public void Unschedule(Guid installationId)
    {
        try
        {
            recurringJobs.RemoveIfExists(ResyncCron.RecurringJobId(installationId));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogScheduleFailed(logger, e, installationId);
        }
    }

    /// <summary>The recurring job of an installation that no longer exists fired: it goes away.</summary>
    public void RemoveOrphan(Guid installationId)
    {
        Unschedule(installationId);
        LogOrphanRemoved(logger, installationId);
    }

    public DateTimeOffset? NextResyncAt(Installation installation) =>
        ResyncCron.NextAfter(ResyncCron.Cron(installation.Id, installation.ResyncIntervalHours), clock.GetUtcNow());

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not change the recurring resync of installation {InstallationId}; the Worker repairs it at start-up")]
    private static partial void LogScheduleFailed(ILogger logger, Exception exception, Guid installationId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Removed the recurring resync of installation {InstallationId}, which no longer exists")]
    private static partial void LogOrphanRemoved(ILogger logger, Guid installationId);
}
