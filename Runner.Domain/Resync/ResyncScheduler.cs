using Hangfire;
using Runner.Domain.Installations;

namespace Runner.Domain.Resync;

/// <summary>The one place recurring resync jobs are created, changed and removed (explicit ids from the installation id).</summary>
public sealed class ResyncScheduler(IRecurringJobManager recurringJobs, TimeProvider clock)
{
    public void Schedule(Installation installation) =>
        recurringJobs.AddOrUpdate<ScheduledResyncJob>(
            ResyncSchedule.RecurringJobId(installation.Id),
            job => job.RunAsync(installation.Id, CancellationToken.None),
            ResyncSchedule.Cron(installation.Id, installation.ResyncIntervalHours),
            new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc, MisfireHandling = MisfireHandlingMode.Relaxed });

    public void Unschedule(Guid installationId) => recurringJobs.RemoveIfExists(ResyncSchedule.RecurringJobId(installationId));

    public DateTimeOffset? NextResyncAt(Installation installation) =>
        ResyncSchedule.NextAfter(ResyncSchedule.Cron(installation.Id, installation.ResyncIntervalHours), clock.GetUtcNow());
}
