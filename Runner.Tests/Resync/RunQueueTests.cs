using System.Net;
using System.Net.Http.Json;
using Npgsql;
using Runner.Tests.Infrastructure;
using static Runner.Tests.Infrastructure.ResyncHarness;

namespace Runner.Tests.Resync;

/// <summary>A run committed without its Hangfire job (the enqueue failed) is not stranded: the Worker's sweep gives it one.</summary>
public sealed class RunQueueTests : SchedulingFixture
{
    [Test]
    public async Task A_run_whose_enqueue_failed_after_commit_is_swept_and_completes_and_its_installation_is_not_blocked()
    {
        var tenant = await Harness.Api.CreateTenantAsync("Refused");
        string installation, runId;
        await RefuseNewHangfireJobsAsync(refuse: true);
        try
        {
            var created = await tenant.Admin.PostAsJsonAsync("/api/v1/installations", SandboxInstallation("refused", "pat-refused")).ExpectAsync(HttpStatusCode.Created);
            installation = created["id"]!.GetValue<string>();
            runId = created["lastRun"]!["id"]!.GetValue<string>();
            Assert.That(created["lastRun"]!["status"]!.GetValue<string>(), Is.EqualTo("queued"), "the installation and its first run are committed");
            Assert.That(await JobIdOfAsync(runId), Is.Null, "Hangfire refused the run's job");
        }
        finally
        {
            await RefuseNewHangfireJobsAsync(refuse: false);
        }

        var first = await WaitAsync(tenant.Admin, runId);
        Assert.That(first["status"]!.GetValue<string>(), Is.EqualTo("succeeded"), "the sweep enqueued the run's job");
        Assert.That(await JobIdOfAsync(runId), Is.Not.Null);
        var next = await ResyncAsync(tenant.Admin, installation);
        Assert.That(next["status"]!.GetValue<string>(), Is.EqualTo("succeeded"), "a later run of the installation is not blocked");
    }

    // A trigger on Hangfire's job table makes every enqueue fail, as a lost storage connection would.
    private async Task RefuseNewHangfireJobsAsync(bool refuse)
    {
        await using var connection = new NpgsqlConnection(Harness.Api.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(refuse
            ? """
              CREATE OR REPLACE FUNCTION hangfire.refuse_new_jobs() RETURNS trigger LANGUAGE plpgsql AS
                $$ BEGIN RAISE EXCEPTION 'test: Hangfire storage refuses new jobs'; END $$;
              CREATE TRIGGER refuse_new_jobs BEFORE INSERT ON hangfire.job FOR EACH ROW EXECUTE FUNCTION hangfire.refuse_new_jobs();
              """
            : "DROP TRIGGER IF EXISTS refuse_new_jobs ON hangfire.job; DROP FUNCTION IF EXISTS hangfire.refuse_new_jobs();", connection);
        await command.ExecuteNonQueryAsync();
    }

    private async Task<string?> JobIdOfAsync(string runId)
    {
        await using var connection = new NpgsqlConnection(Harness.Api.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT job_id FROM runner.resync_runs WHERE id = $1", connection) { Parameters = { new() { Value = Guid.Parse(runId) } } };
        return await command.ExecuteScalarAsync() as string;
    }
}
