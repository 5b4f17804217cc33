using Hangfire;
using Runner.Domain.Installations;

namespace Runner.Domain.Resync.Scheduling;

/// <summary>The one place recurring resync jobs are created, changed and removed (explicit ids from the installation id).</summary>
public sealed class ResyncScheduler(IRecurringJobManager recurringJobs, TimeProvider clock)
{
    public void Schedule(Installation installation) =>
        recurringJobs.AddOrUpdate<ScheduledResyncJob>(
            ResyncCron.RecurringJobId(installation.Id),
            job => job.RunAsync(installation.Id, CancellationToken.None),
            ResyncCron.Cron(installation.Id, installation.ResyncIntervalHours),
            new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc, MisfireHandling = MisfireHandlingMode.Relaxed });

    public void Unschedule(Guid installationId) => recurringJobs.RemoveIfExists(ResyncCron.RecurringJobId(installationId));

    public DateTimeOffset? NextResyncAt(Installation installation) =>
        ResyncCron.NextAfter(ResyncCron.Cron(installation.Id, installation.ResyncIntervalHours), clock.GetUtcNow());
}
