using System.Net;
using System.Net.Http.Json;
using Hangfire;
using Hangfire.Common;
using Hangfire.Server;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Runner.Domain.Resync.Scheduling;
using Runner.Tests.Infrastructure;
using Runner.Tools.AdoSandbox.Faults;
using static Runner.Tests.Infrastructure.ResyncHarness;

namespace Runner.Tests.Resync;

/// <summary>What a due schedule does: run on time, spread a catch-up, skip while busy, fail fast when the installation needs attention, clean up after itself.</summary>
public sealed class ScheduledRunTests : SchedulingFixture
{
    [Test]
    public async Task A_due_schedule_records_a_scheduled_run_with_its_due_time_and_runs_it()
    {
        var (tenant, installation, _) = await Harness.InstallAsync(mapping: Projects);
        var due = DueTimeOf(Guid.Parse(installation));
        await RunScheduledAsync(Guid.Parse(installation), due.AddSeconds(2));

        var run = await WaitAsync(tenant.Admin, (await LatestRunAsync(tenant.Admin, installation))["id"]!.GetValue<string>());
        Assert.That(run["trigger"]!.GetValue<string>(), Is.EqualTo("scheduled"));
        Assert.That(run["status"]!.GetValue<string>(), Is.EqualTo("succeeded"), run.ToJsonString());
        Assert.That(run["dueAt"]!.GetValue<DateTimeOffset>(), Is.EqualTo(due));
    }

    [Test]
    public async Task A_catch_up_after_an_outage_is_spread_out_instead_of_starting_at_once()
    {
        var (tenant, installation, _) = await Harness.InstallAsync(mapping: Projects);
        await RunScheduledAsync(Guid.Parse(installation), DueTimeOf(Guid.Parse(installation)).AddMinutes(40));

        var run = await LatestRunAsync(tenant.Admin, installation);
        Assert.That(run["status"]!.GetValue<string>(), Is.EqualTo("queued"));
        await using var connection = new NpgsqlConnection(Harness.Api.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT statename FROM hangfire.job WHERE arguments::text LIKE '%' || $1 || '%'", connection);
        command.Parameters.AddWithValue(run["id"]!.GetValue<string>());
        Assert.That(await command.ExecuteScalarAsync(), Is.EqualTo("Scheduled"), "its job waits for a per-installation delay");
    }

    [TestCase(0.05, "running"), TestCase(40, "queued")]
    public async Task Only_a_job_Hangfire_fired_late_is_a_catch_up_not_one_that_waited_in_a_backlog(double firedMinutesAfterDue, string expected)
    {
        // Performed 40 minutes after its due time either way; created by Hangfire's scheduler on time (a backlog) or late (an outage).
        var (tenant, installation, _) = await Harness.InstallAsync(mapping: Projects);
        var id = Guid.Parse(installation);
        var due = DueTimeOf(id);
        var storage = Harness.Worker.Services.GetRequiredService<JobStorage>();
        using var connection = storage.GetConnection();
        var job = new BackgroundJob("1", Job.FromExpression<ScheduledResyncJob>(j => j.RunAsync(id, CancellationToken.None)),
            due.AddMinutes(firedMinutesAfterDue).UtcDateTime);
        var performing = new PerformContext(storage, connection, job, new JobCancellationToken(false));
        JobCreationTime.Filter.OnPerforming(new PerformingContext(performing));
        try
        {
            await RunScheduledAsync(id, due.AddMinutes(40));
        }
        finally
        {
            JobCreationTime.Filter.OnPerformed(new PerformedContext(performing, null, false, null));
        }

        var run = await LatestRunAsync(tenant.Admin, installation);
        Assert.That(run["dueAt"]!.GetValue<DateTimeOffset>(), Is.EqualTo(due));
        if (expected == "queued")
        {
            Assert.That(run["status"]!.GetValue<string>(), Is.EqualTo("queued"), "a catch-up waits for its spread delay");
        }
        else
        {
            Assert.That((await WaitAsync(tenant.Admin, run["id"]!.GetValue<string>()))["status"]!.GetValue<string>(), Is.EqualTo("succeeded"),
                "a run late only because it queued behind others starts at once");
        }
    }

    [Test]
    public async Task The_Workers_Hangfire_server_tells_a_job_when_it_was_created()
    {
        var client = Harness.Worker.Services.GetRequiredService<IBackgroundJobClient>();
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);
        var id = Guid.NewGuid();
        CreationTimeProbe.Seen[id] = new TaskCompletionSource<DateTimeOffset?>(TaskCreationOptions.RunContinuationsAsynchronously);
        client.Enqueue(() => CreationTimeProbe.Record(id));

        var seen = await CreationTimeProbe.Seen[id].Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.That(seen, Is.Not.Null.And.InRange(before, DateTimeOffset.UtcNow));
    }

    [Test]
    public async Task A_due_schedule_while_a_run_is_active_is_recorded_as_skipped_with_the_reason()
    {
        var (tenant, installation, _) = await Harness.InstallAsync(mapping: Projects);
        Harness.Sandbox.Faults.Settings = new FaultSettings { LatencyMs = 400 };
        var manual = await tenant.Admin.PostAsync($"/api/v1/installations/{installation}/resyncs", null).ExpectAsync(HttpStatusCode.Accepted);

        await RunScheduledAsync(Guid.Parse(installation));

        var skipped = await LatestRunAsync(tenant.Admin, installation);
        Assert.That(skipped["status"]!.GetValue<string>(), Is.EqualTo("skipped"));
        Assert.That(skipped["reason"]!.GetValue<string>(), Is.EqualTo("Another resync of this installation was still queued or running."));
        Harness.Sandbox.Faults.Settings = new FaultSettings();
        Assert.That((await WaitAsync(tenant.Admin, manual["id"]!.GetValue<string>()))["status"]!.GetValue<string>(), Is.EqualTo("succeeded"));
    }

    [Test]
    public async Task An_installation_that_needs_attention_fails_fast_on_schedule_without_calling_the_source()
    {
        var (tenant, installation, _) = await Harness.InstallAsync(mapping: Projects);
        await tenant.Admin.PutAsJsonAsync("/api/v1/secrets/pat", new { value = "revoked" }).ExpectAsync(HttpStatusCode.OK);
        await ResyncAsync(tenant.Admin, installation);
        Harness.Sandbox.RequestLog.Clear();

        await RunScheduledAsync(Guid.Parse(installation));

        var run = await LatestRunAsync(tenant.Admin, installation);
        Assert.That(run["status"]!.GetValue<string>(), Is.EqualTo("failed"));
        Assert.That(run["error"]!.GetValue<string>(), Does.StartWith("Not run: the installation needs attention (Azure DevOps rejected the personal access token)"));
        Assert.That(Harness.Sandbox.RequestLog.TotalCount, Is.Zero);
    }

    [Test]
    public async Task A_schedule_without_its_installation_removes_itself()
    {
        var orphan = Guid.NewGuid();
        var recurring = Harness.Worker.Services.GetRequiredService<IRecurringJobManager>();
        recurring.AddOrUpdate<ScheduledResyncJob>(ResyncCron.RecurringJobId(orphan), job => job.RunAsync(orphan, CancellationToken.None), "0 * * * *");

        await RunScheduledAsync(orphan);

        using var connection = Harness.Worker.Services.GetRequiredService<JobStorage>().GetConnection();
        Assert.That(connection.GetAllEntriesFromHash($"recurring-job:{ResyncCron.RecurringJobId(orphan)}"), Is.Null);
    }
}

/// <summary>A job the Worker's Hangfire server performs, recording what <see cref="JobCreationTime"/> told it.</summary>
public static class CreationTimeProbe
{
    public static readonly System.Collections.Concurrent.ConcurrentDictionary<Guid, TaskCompletionSource<DateTimeOffset?>> Seen = new();

    public static void Record(Guid id) => Seen[id].TrySetResult(JobCreationTime.OfCurrentJob);
}
