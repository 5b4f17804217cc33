using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using Runner.Tests.Infrastructure;
using static Runner.Tests.Infrastructure.ResyncHarness;

namespace Runner.Tests.Resync;

/// <summary>The Worker's sweeps delete finished runs past the retention (30 days), but never an installation's latest finished run.</summary>
public sealed class RunRetentionTests : SchedulingFixture
{
    private static readonly TimeSpan Old = TimeSpan.FromDays(40);

    [Test]
    public async Task Runs_older_than_the_retention_are_deleted_except_each_installations_latest_finished_run()
    {
        var tenant = await Harness.Api.CreateTenantAsync("Retention");
        var busy = await CreateAndFinishFirstRunAsync(tenant.Admin, "busy");
        var quiet = await CreateAndFinishFirstRunAsync(tenant.Admin, "quiet");

        // The busy installation: two runs past the retention, one within it, and its recent first run.
        var expired = new[] { await CopyRunAsync(busy, Old), await CopyRunAsync(busy, Old + TimeSpan.FromHours(1)) };
        var retained = await CopyRunAsync(busy, TimeSpan.FromDays(20));
        // The quiet installation has not run for 40 days: that run is its latest and stays.
        await MoveRunAsync(quiet, Old);

        await PollUntilAsync(async () => (await ExistingAsync(expired)).Count == 0, "the sweeps deleted the expired runs");
        Assert.That(await ExistingAsync([busy, retained, quiet]), Is.EquivalentTo(new[] { busy, retained, quiet }));
    }

    [Test]
    public void A_retention_shorter_than_the_longest_full_resync_interval_stops_the_host_at_start_up()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Runner:Resync:RunRetention"] = "7.00:00:00" });
        builder.Logging.ClearProviders();
        builder.Services.AddRunnerResync();
        using var host = builder.Build();

        var error = Assert.CatchAsync(() => host.StartAsync());

        Assert.That(error, Is.InstanceOf<OptionsValidationException>());
        Assert.That(error!.Message, Does.Contain("Runner:Resync:RunRetention"));
    }

    private async Task<Guid> CreateAndFinishFirstRunAsync(HttpClient admin, string name)
    {
        var created = await admin.PostAsJsonAsync("/api/v1/installations", SandboxInstallation(name, $"pat-{name}")).ExpectAsync(HttpStatusCode.Created);
        var run = await WaitAsync(admin, created["lastRun"]!["id"]!.GetValue<string>());
        Assert.That(run["status"]!.GetValue<string>(), Is.EqualTo("succeeded"));
        return Guid.Parse(run["id"]!.GetValue<string>());
    }

    /// <summary>A finished copy of <paramref name="source"/> (same installation and tenant) queued <paramref name="age"/> ago.</summary>
    private async Task<Guid> CopyRunAsync(Guid source, TimeSpan age)
    {
        var id = Guid.NewGuid();
        await ExecuteAsync("""
            INSERT INTO runner.resync_runs (id, tenant_id, installation_id, trigger, status, mode, queued_at, started_at, finished_at,
                                            attempt, cancel_requested, deferrals, report)
            SELECT $1, tenant_id, installation_id, trigger, status, mode, now() - $3, now() - $3, now() - $3, attempt, false, 0, report
            FROM runner.resync_runs WHERE id = $2
            """, id, source, age);
        return id;
    }

    private Task MoveRunAsync(Guid run, TimeSpan age) => ExecuteAsync(
        "UPDATE runner.resync_runs SET queued_at = now() - $2, started_at = now() - $2, finished_at = now() - $2 WHERE id = $1", run, age);

    private async Task<List<Guid>> ExistingAsync(IEnumerable<Guid> runs)
    {
        await using var connection = new NpgsqlConnection(Harness.Api.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT id FROM runner.resync_runs WHERE id = ANY($1)", connection) { Parameters = { new() { Value = runs.ToArray() } } };
        var found = new List<Guid>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            found.Add(reader.GetGuid(0));
        }
        return found;
    }

    private async Task ExecuteAsync(string sql, params object[] values)
    {
        await using var connection = new NpgsqlConnection(Harness.Api.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }
        Assert.That(await command.ExecuteNonQueryAsync(), Is.EqualTo(1));
    }

    private static async Task PollUntilAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!await condition())
        {
            Assert.That(DateTime.UtcNow, Is.LessThan(deadline), $"timed out waiting until {what}");
            await Task.Delay(100);
        }
    }
}
