using Hangfire;
using Hangfire.Storage;
using Microsoft.EntityFrameworkCore;
using Runner.Domain.Persistence;
using Runner.Domain.Resync.Scheduling;

namespace Runner.Worker.Resync;

/// <summary>
/// On Worker start-up, makes Hangfire's recurring jobs match the installations: a missing schedule
/// is added, a wrong one corrected, one without an installation removed — each repair logged.
/// </summary>
internal sealed partial class ScheduleRepair(IServiceScopeFactory scopes, JobStorage storage, ILogger<ScheduleRepair> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RunnerDbContext>();
        var scheduler = scope.ServiceProvider.GetRequiredService<ResyncScheduler>();
        // Only what the schedule is made of: whole rows (a ~20 KB mapping each) took 4.4 GB to start a Worker at
        // 100,000 installations (bench/soak.sh), against the Worker's 1 GiB limit.
        var installations = await db.Installations.IgnoreQueryFilters().AsNoTracking()
            .Select(i => new { i.Id, i.ResyncIntervalHours }).ToListAsync(ct);
        using var connection = storage.GetConnection();
        var jobs = connection.GetRecurringJobs().Where(j => ResyncCron.IsRecurringJobId(j.Id)).ToDictionary(j => j.Id);

        foreach (var installation in installations)
        {
            var id = ResyncCron.RecurringJobId(installation.Id);
            var cron = ResyncCron.Cron(installation.Id, installation.ResyncIntervalHours);
            if (!jobs.Remove(id, out var job) || job.Cron != cron)
            {
                scheduler.Schedule(installation.Id, installation.ResyncIntervalHours);
                LogRepaired(logger, installation.Id, job is null ? "missing" : $"cron {job.Cron} instead of {cron}");
            }
        }
        foreach (var orphan in jobs.Keys)
        {
            scope.ServiceProvider.GetRequiredService<IRecurringJobManager>().RemoveIfExists(orphan);
            LogOrphanRemoved(logger, orphan);
        }
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Repaired the resync schedule of installation {InstallationId}: it was {Problem}")]
    private static partial void LogRepaired(ILogger logger, Guid installationId, string problem);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Removed recurring job {JobId}: its installation no longer exists")]
    private static partial void LogOrphanRemoved(ILogger logger, string jobId);
}
