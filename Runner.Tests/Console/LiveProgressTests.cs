using Npgsql;

namespace Runner.Tests.Console;

/// <summary>
/// The running run's per-kind progress, refreshed by polling. The run's report is written here, step by
/// step, so what the page must show at each moment is known (a real run may finish between two polls).
/// </summary>
public sealed class LiveProgressTests : ConsoleTests
{
    [Test]
    public async Task The_running_runs_per_kind_progress_refreshes_without_a_page_reload_until_it_finishes()
    {
        var (tenant, installationId, _) = await Harness.InstallAsync();
        var runId = Guid.CreateVersion7();
        await ExecuteAsync(
            """
            INSERT INTO runner.resync_runs (id, tenant_id, installation_id, trigger, status, queued_at, started_at, report)
            VALUES (@id, @tenant, @installation, 'Manual', 'Running', now(), now(), @report::jsonb)
            """,
            ("id", runId), ("tenant", tenant.Id), ("installation", Guid.Parse(installationId)), ("report", Report(fetched: 2, upserted: 0, completed: false)));
        await SignInAsync(tenant.AdminKey);
        await Page.GotoAsync($"/#/installations/{installationId}");

        var project = Page.Locator(".live .running tr[data-kind=project]");
        await Expect(project).ToContainTextAsync("Fetching…");
        await Expect(project.Locator("td").Nth(0)).ToHaveTextAsync("2");
        await Page.EvaluateAsync("window.notReloaded = true");

        await ExecuteAsync("UPDATE runner.resync_runs SET report = @report::jsonb WHERE id = @id",
            ("id", runId), ("report", Report(fetched: 3, upserted: 3, completed: true)));
        await Expect(project.Locator("td").Nth(0)).ToHaveTextAsync("3");
        await Expect(project.Locator("td").Nth(1)).ToHaveTextAsync("3");
        await Expect(project).ToContainTextAsync("Done");
        await ScreenshotAsync("installation-live-progress");

        await ExecuteAsync("UPDATE runner.resync_runs SET status = 'Succeeded', finished_at = now() WHERE id = @id", ("id", runId));
        await Expect(Page.Locator(".live .running")).ToHaveCountAsync(0);
        var finished = Page.Locator($".runs .run[data-run='{runId}'][data-status=succeeded]");
        await Expect(finished).ToContainTextAsync("3 fetched · 3 upserted · 0 deleted");
        await finished.Locator("summary").ClickAsync();
        await Expect(finished.Locator(".skipped")).ToHaveTextAsync("Skipped: the project kind did not complete");
        Assert.That(await Page.EvaluateAsync<bool>("window.notReloaded === true"), Is.True, "the page reloaded");
    }

    private static string Report(long fetched, long upserted, bool completed) => $$$"""
        {"kinds": [{"kind": "project", "fetched": {{{fetched}}}, "selected": {{{fetched}}}, "upserted": {{{upserted}}}, "unchanged": 0, "deleted": 0,
                    "mappingErrors": 0, "mappingErrorSamples": [], "fetchErrors": [], "completed": {{{(completed ? "true" : "false")}}}}],
         "blueprints": [{"blueprint": "azureDevopsProject", "deletionRan": false, "deleted": 0, "deletionSkippedReason": "the project kind did not complete"}],
         "http": {"requests": 1, "throttled": 0, "retries": 0, "delayHonouredSeconds": 0}}
        """;

    private async Task ExecuteAsync(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(Harness.Api.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }
        await command.ExecuteNonQueryAsync();
    }
}
