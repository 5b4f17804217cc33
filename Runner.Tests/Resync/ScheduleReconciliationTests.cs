using System.Net;
using System.Net.Http.Json;
using Hangfire;
using Microsoft.Extensions.DependencyInjection;
using Runner.Domain.Resync.Scheduling;
using Runner.Tests.Infrastructure;
using Runner.Tests.Installations;

namespace Runner.Tests.Resync;

/// <summary>A Worker starting up makes Hangfire's schedules match the installations again, and says what it repaired.</summary>
public sealed class ScheduleReconciliationTests
{
    [Test]
    public async Task Missing_wrong_and_orphaned_schedules_are_repaired_when_a_worker_starts()
    {
        var database = await TestDatabase.CreateDatabaseAsync("runner_schedules");
        await TestDatabase.MigrateAsync(database);
        await using var api = new RunnerApiFactory(database);
        var tenant = await api.CreateTenantAsync();
        var first = Guid.Parse((await tenant.Admin.PostAsJsonAsync("/api/v1/installations", InstallationRequests.AzureDevOps("First")).ExpectAsync(HttpStatusCode.Created))["id"]!.GetValue<string>());
        var second = Guid.Parse((await tenant.Admin.PostAsJsonAsync("/api/v1/installations", InstallationRequests.AzureDevOps("Second")).ExpectAsync(HttpStatusCode.Created))["id"]!.GetValue<string>());
        var orphan = Guid.NewGuid();
        var recurring = api.Services.GetRequiredService<IRecurringJobManager>();
        recurring.RemoveIfExists(ResyncCron.RecurringJobId(first));
        recurring.AddOrUpdate<ScheduledResyncJob>(ResyncCron.RecurringJobId(second), job => job.RunAsync(second, CancellationToken.None), "0 0 * * *");
        recurring.AddOrUpdate<ScheduledResyncJob>(ResyncCron.RecurringJobId(orphan), job => job.RunAsync(orphan, CancellationToken.None), "0 * * * *");

        await using var worker = new RunnerWorkerFactory(database, api.KekBase64);
        worker.Start();

        var storage = api.Services.GetRequiredService<JobStorage>();
        using var connection = storage.GetConnection();
        string? CronOf(Guid id) => connection.GetAllEntriesFromHash($"recurring-job:{ResyncCron.RecurringJobId(id)}")?.GetValueOrDefault("Cron");
        Assert.That(CronOf(first), Is.EqualTo(ResyncCron.Cron(first, 1)));
        Assert.That(CronOf(second), Is.EqualTo(ResyncCron.Cron(second, 1)));
        Assert.That(CronOf(orphan), Is.Null);
        Assert.That(worker.Logs.Lines.Where(l => l.Contains("Repaired the resync schedule", StringComparison.Ordinal)).ToList(), Has.Count.EqualTo(2));
        Assert.That(worker.Logs.Lines.Where(l => l.Contains("its installation no longer exists", StringComparison.Ordinal)).ToList(), Has.Count.EqualTo(1));
        // The repair reads every installation: only its id and interval, never the mapping (~20 KB each; 100,000 of
        // them took 4.4 GB to start a Worker in bench/soak.sh).
        var everyInstallation = worker.Logs.Lines.Where(l => l.Contains("FROM runner.installations", StringComparison.Ordinal)
            && !l.Contains("WHERE", StringComparison.Ordinal)).ToList();
        Assert.That(everyInstallation, Is.Not.Empty);
        Assert.That(everyInstallation.Where(l => l.Contains("mapping_text", StringComparison.Ordinal)), Is.Empty);
    }
}
