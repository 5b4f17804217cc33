using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Runner.Domain.Catalog;
using Runner.Tests.Infrastructure;
using Runner.Tests.Installations;
using static Runner.Tests.Catalog.CatalogScope;

namespace Runner.Tests.Catalog;

public sealed class CatalogWriteAndReconcileTests : ApiTests
{
    private static readonly BlueprintRelation[] Relations =
    [
        new("repo", "project", "project", Required: true),
        new("branch", "repository", "repo", Required: true),
        new("repo", "owner", "team", Required: false),
    ];

    [Test]
    public async Task New_changed_and_unchanged_entities_are_counted_and_only_changes_are_rewritten()
    {
        await using var catalog = await CreateAsync(Factory);
        var first = Guid.NewGuid();
        var written = await catalog.Writer.UpsertAsync(first, catalog.InstallationId,
            [Entity("repo", "a", """{"size":1}"""), Entity("repo", "b", """{"size":2}""")], mergeEntities: false, DateTimeOffset.MaxValue, CancellationToken.None);
        Assert.That(written, Is.EqualTo(new CatalogWriter.BatchResult(2, 0, 0)));
        var before = await catalog.Db.Entities.AsNoTracking().SingleAsync(e => e.Identifier == "b");

        var second = Guid.NewGuid();
        var rewritten = await catalog.Writer.UpsertAsync(second, catalog.InstallationId,
            [Entity("repo", "a", """{"size":10}"""), Entity("repo", "b", """{"size":2}"""), Entity("repo", "c")], mergeEntities: false, DateTimeOffset.MaxValue, CancellationToken.None);

        Assert.That(rewritten, Is.EqualTo(new CatalogWriter.BatchResult(1, 1, 1)));
        var a = await catalog.Db.Entities.AsNoTracking().SingleAsync(e => e.Identifier == "a");
        Assert.That(a.PropertiesJson, Is.EqualTo("""{"size": 10}"""));
        var after = await catalog.Db.Entities.AsNoTracking().SingleAsync(e => e.Identifier == "b");
        Assert.That(after.UpdatedAt, Is.EqualTo(before.UpdatedAt), "an unchanged row is not rewritten");
    }

    [Test]
    public async Task Duplicates_in_one_batch_keep_the_last()
    {
        await using var catalog = await CreateAsync(Factory);
        var written = await catalog.Writer.UpsertAsync(Guid.NewGuid(), catalog.InstallationId,
            [Entity("repo", "a", """{"v":1}"""), Entity("repo", "a", """{"v":2}""")], mergeEntities: false, DateTimeOffset.MaxValue, CancellationToken.None);
        Assert.That(written.Inserted, Is.EqualTo(1));
        Assert.That((await catalog.Db.Entities.AsNoTracking().SingleAsync()).PropertiesJson, Is.EqualTo("""{"v": 2}"""));
    }

    [Test]
    public async Task Merging_combines_properties_from_several_resources()
    {
        await using var catalog = await CreateAsync(Factory);
        var run = Guid.NewGuid();
        await catalog.Writer.UpsertAsync(run, catalog.InstallationId, [Entity("repo", "a", """{"url":"u"}""")], mergeEntities: true, DateTimeOffset.MaxValue, CancellationToken.None);
        await catalog.Writer.UpsertAsync(run, catalog.InstallationId, [Entity("repo", "a", """{"minApprovers":2}""", title: null)], mergeEntities: true, DateTimeOffset.MaxValue, CancellationToken.None);
        var merged = await catalog.Db.Entities.AsNoTracking().SingleAsync();
        Assert.That(merged.PropertiesJson, Is.EqualTo("""{"url": "u", "minApprovers": 2}"""));
    }

    [Test]
    public async Task Batches_written_in_one_round_trip_are_counted_each_and_merge_in_order()
    {
        await using var catalog = await CreateAsync(Factory);
        var run = Guid.NewGuid();
        await catalog.Writer.UpsertAsync(run, catalog.InstallationId, [Entity("repo", "kept", """{"v":1}""")], mergeEntities: true, DateTimeOffset.MaxValue, CancellationToken.None);

        var written = await catalog.Writer.UpsertBatchesAsync(run, catalog.InstallationId,
        [
            [Entity("repo", "a", """{"url":"u"}"""), Entity("repo", "kept", """{"v":1}""")],
            [],
            [Entity("repo", "a", """{"minApprovers":2}""", title: null), Entity("repo", "b")],
        ], mergeEntities: true, DateTimeOffset.MaxValue, CancellationToken.None);

        Assert.That(written, Is.EqualTo(new[]
        {
            new CatalogWriter.BatchResult(1, 0, 1), new CatalogWriter.BatchResult(0, 0, 0), new CatalogWriter.BatchResult(1, 1, 0),
        }));
        var a = await catalog.Db.Entities.AsNoTracking().SingleAsync(e => e.Identifier == "a");
        Assert.That(a.PropertiesJson, Is.EqualTo("""{"url": "u", "minApprovers": 2}"""), "the later batch merged onto the earlier one's write");
        var staged = await catalog.Db.Database.SqlQuery<int>($"SELECT count(*)::int AS \"Value\" FROM runner.resync_staged_entities WHERE run_id = {run}").SingleAsync();
        Assert.That(staged, Is.EqualTo(5), "every batch's keys are in the run's seen-set");
    }

    [Test]
    public async Task A_batch_of_upserts_is_traced_as_one_catalog_span_without_the_statements_text()
    {
        await using var catalog = await CreateAsync(Factory);
        var spans = new System.Collections.Concurrent.ConcurrentQueue<System.Diagnostics.Activity>();
        using var listener = new System.Diagnostics.ActivityListener
        {
            ShouldListenTo = source => source.Name is "Npgsql" or Runner.Domain.Hosting.RunnerTelemetry.Name,
            Sample = (ref System.Diagnostics.ActivityCreationOptions<System.Diagnostics.ActivityContext> _) => System.Diagnostics.ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Enqueue,
        };
        System.Diagnostics.ActivitySource.AddActivityListener(listener);
        var run = Guid.NewGuid();

        await catalog.Writer.UpsertBatchesAsync(run, catalog.InstallationId,
            [[Entity("repo", "a")], [Entity("repo", "b"), Entity("repo", "c")], [Entity("repo", "d")]], mergeEntities: true, DateTimeOffset.MaxValue, CancellationToken.None);

        var count = await catalog.Db.Entities.CountAsync(e => e.InstallationId == catalog.InstallationId);

        Assert.That(count, Is.EqualTo(4));
        var upsert = spans.Where(a => a.OperationName == "catalog upsert").ToList();
        Assert.That(upsert.Any(a => Equals(a.GetTagItem("db.operation.batch.size"), 3) && Equals(a.GetTagItem("runner.entities"), 4)), Is.True,
            "the write has a span of its own");
        Assert.That(spans.Where(a => a.Source.Name == "Npgsql").SelectMany(a => a.TagObjects).Any(t => t.Value is string text && text.Contains("resync_staged_entities")),
            Is.False, "Npgsql traces no catalog batch (it would copy all its statements' text into the span)");
        Assert.That(spans.Any(a => a.Source.Name == "Npgsql"), Is.True, "Npgsql still traces the other commands (here, the count)");
    }

    [Test]
    public async Task Counting_and_deleting_stale_entities_never_plan_a_nested_loop_over_the_staged_rows()
    {
        // An installation's first run: nothing analysed its entities or the run's staged rows, so PostgreSQL estimates one
        // row on each side; with nested loops allowed it rescanned the staged rows for each entity (quadratic).
        await using var catalog = await CreateAsync(Factory);
        var run = Guid.NewGuid();
        await catalog.Writer.UpsertAsync(run, catalog.InstallationId, [.. Enumerable.Range(0, 2000).Select(i => Entity("item", $"i{i}"))], false,
            DateTimeOffset.MaxValue, CancellationToken.None);

        await using var connection = new NpgsqlConnection(TestDatabase.ConnectionString);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var setting = new NpgsqlCommand(CatalogSql.WithoutNestedLoops, connection, transaction))
        {
            await setting.ExecuteNonQueryAsync();
        }
        var tenantId = await catalog.Db.Installations.Where(i => i.Id == catalog.InstallationId).Select(i => i.TenantId).SingleAsync();
        foreach (var sql in new[] { CatalogSql.CountStale, CatalogSql.DeleteStale })
        {
            await using var explain = new NpgsqlCommand("EXPLAIN " + sql, connection, transaction);
            foreach (var value in new object[] { tenantId, catalog.InstallationId, run, "item", DateTimeOffset.UtcNow })
            {
                explain.Parameters.AddWithValue(value);
            }
            var plan = new List<string>();
            await using (var reader = await explain.ExecuteReaderAsync())
            {
                while (await reader.ReadAsync())
                {
                    plan.Add(reader.GetString(0));
                }
            }
            var text = string.Join("\n", plan);
            Assert.That(text, Does.Not.Contain("Nested Loop"), text);
            Assert.That(text, Does.Contain("Anti Join"), text);
        }
    }

    [Test]
    public async Task Reconciliation_deletes_only_what_the_run_did_not_see_and_the_dependents()
    {
        await using var catalog = await CreateAsync(Factory);
        var first = Guid.NewGuid();
        await catalog.Writer.UpsertAsync(first, catalog.InstallationId,
            [Entity("repo", "r1"), Entity("repo", "r2"), Entity("repo", "r3"), Entity("repo", "r4")], false, DateTimeOffset.MaxValue, CancellationToken.None);
        await catalog.Writer.UpsertAsync(first, catalog.InstallationId,
            [Entity("branch", "r1/main", relations: """{"repository":"r1"}"""), Entity("branch", "r4/main", relations: """{"repository":"r4"}""")], false, DateTimeOffset.MaxValue, CancellationToken.None);
        await catalog.Writer.DropStagedAsync(first, CancellationToken.None);

        var second = Guid.NewGuid();
        await catalog.Writer.UpsertAsync(second, catalog.InstallationId, [Entity("repo", "r2"), Entity("repo", "r3"), Entity("repo", "r4")], false, DateTimeOffset.MaxValue, CancellationToken.None);
        var outcome = await catalog.Writer.DeleteStaleAsync(second, catalog.InstallationId, "repo", 0.9, Relations, deleteDependents: true, new HashSet<string>(), DateTimeOffset.MaxValue, CancellationToken.None);

        Assert.That(outcome, Is.EqualTo(new CatalogWriter.DeletionOutcome(true, 2, null)), "r1 and its branch");
        var left = await catalog.Db.Entities.AsNoTracking().OrderBy(e => e.Identifier).Select(e => e.Identifier).ToListAsync();
        Assert.That(left, Is.EqualTo(new[] { "r2", "r3", "r4", "r4/main" }));
    }

    [Test]
    public async Task Stale_entities_of_every_blueprint_are_counted_together_leaving_placeholders_and_other_installations_out()
    {
        await using var catalog = await CreateAsync(Factory);
        using var admin = Factory.CreateClient(catalog.AdminKey);
        var sibling = Guid.Parse((await admin.PostAsJsonAsync("/api/v1/installations", InstallationRequests.AzureDevOps("Sibling")).ExpectAsync(HttpStatusCode.Created))["id"]!.GetValue<string>());
        var first = Guid.NewGuid();
        await catalog.Writer.UpsertAsync(first, catalog.InstallationId,
            [Entity("repo", "r1"), Entity("repo", "r2"), Entity("repo", "r3", relations: """{"project":"p1"}"""), Entity("branch", "r1/main")], false, DateTimeOffset.MaxValue, CancellationToken.None);
        await catalog.Writer.CreatePlaceholdersAsync(first, catalog.InstallationId, Relations, CancellationToken.None);
        await catalog.Writer.UpsertAsync(Guid.NewGuid(), sibling, [Entity("repo", "s1")], false, DateTimeOffset.MaxValue, CancellationToken.None);

        var second = Guid.NewGuid();
        await catalog.Writer.UpsertAsync(second, catalog.InstallationId, [Entity("repo", "r2"), Entity("branch", "r1/main")], false, DateTimeOffset.MaxValue, CancellationToken.None);
        var counts = await catalog.Writer.CountStaleAsync(second, catalog.InstallationId, ["repo", "branch", "project", "team"], DateTimeOffset.MaxValue, CancellationToken.None);

        Assert.That(counts, Is.EqualTo(new Dictionary<string, (long, long)>
        {
            ["repo"] = (2, 3), ["branch"] = (0, 1), ["project"] = (0, 0), ["team"] = (0, 0),
        }), "r1 and r3 are stale; the sibling's s1 and the placeholder p1 are not this installation's real entities");
        Assert.That(await catalog.Writer.CountStaleAsync(second, catalog.InstallationId, [], DateTimeOffset.MaxValue, CancellationToken.None), Is.Empty);
    }

    [Test]
    public async Task Reconciliation_is_skipped_above_the_deletion_threshold()
    {
        await using var catalog = await CreateAsync(Factory);
        var first = Guid.NewGuid();
        await catalog.Writer.UpsertAsync(first, catalog.InstallationId, [.. Enumerable.Range(0, 10).Select(i => Entity("repo", $"r{i}"))], false, DateTimeOffset.MaxValue, CancellationToken.None);

        var second = Guid.NewGuid();
        await catalog.Writer.UpsertAsync(second, catalog.InstallationId, [Entity("repo", "r0")], false, DateTimeOffset.MaxValue, CancellationToken.None);
        var outcome = await catalog.Writer.DeleteStaleAsync(second, catalog.InstallationId, "repo", 0.5, Relations, deleteDependents: false, new HashSet<string>(), DateTimeOffset.MaxValue, CancellationToken.None);

        Assert.That(outcome.Ran, Is.False);
        Assert.That(outcome.SkippedReason, Is.EqualTo("would delete 9 of 10 entities (90%), more than the entityDeletionThreshold of 0.5"));
        Assert.That(await catalog.Db.Entities.CountAsync(), Is.EqualTo(10));
    }

    [Test]
    public async Task Missing_relation_targets_become_placeholders_that_reconciliation_keeps()
    {
        await using var catalog = await CreateAsync(Factory);
        var run = Guid.NewGuid();
        await catalog.Writer.UpsertAsync(run, catalog.InstallationId,
            [Entity("repo", "r1", relations: """{"project":"p1","owner":["t1","t2"]}""")], false, DateTimeOffset.MaxValue, CancellationToken.None);
        await catalog.Writer.CreatePlaceholdersAsync(run, catalog.InstallationId, Relations, CancellationToken.None);
        await catalog.Writer.DropStagedAsync(run, CancellationToken.None);

        var placeholders = await catalog.Db.Entities.AsNoTracking().Where(e => e.IsPlaceholder).OrderBy(e => e.Identifier).Select(e => e.Blueprint + ":" + e.Identifier).ToListAsync();
        Assert.That(placeholders, Is.EqualTo(new[] { "project:p1", "team:t1", "team:t2" }));

        var next = Guid.NewGuid();
        await catalog.Writer.UpsertAsync(next, catalog.InstallationId, [Entity("project", "p2")], false, DateTimeOffset.MaxValue, CancellationToken.None);
        var outcome = await catalog.Writer.DeleteStaleAsync(next, catalog.InstallationId, "project", 0.9, Relations, false, new HashSet<string>(), DateTimeOffset.MaxValue, CancellationToken.None);
        Assert.That(outcome.Deleted, Is.Zero);
        Assert.That(await catalog.Db.Entities.CountAsync(e => e.Blueprint == "project"), Is.EqualTo(2));
    }

    [Test]
    public async Task A_deleted_target_takes_the_dependents_of_every_installation_of_its_tenant_but_never_another_tenants()
    {
        await using var catalog = await CreateAsync(Factory);
        await using var otherTenant = await CreateAsync(Factory);
        using var admin = Factory.CreateClient(catalog.AdminKey);
        var sibling = Guid.Parse((await admin.PostAsJsonAsync("/api/v1/installations", InstallationRequests.AzureDevOps("Sibling")).ExpectAsync(HttpStatusCode.Created))["id"]!.GetValue<string>());
        var first = Guid.NewGuid();
        await catalog.Writer.UpsertAsync(first, catalog.InstallationId, [Entity("repo", "r1"), Entity("repo", "r2")], false, DateTimeOffset.MaxValue, CancellationToken.None);
        await catalog.Writer.DropStagedAsync(first, CancellationToken.None);
        // Another installation of the tenant, and another tenant, each hold a branch that requires r1.
        await catalog.Writer.UpsertAsync(Guid.NewGuid(), sibling, [Entity("branch", "sibling/main", relations: """{"repository":"r1"}""")], false, DateTimeOffset.MaxValue, CancellationToken.None);
        await otherTenant.Writer.UpsertAsync(Guid.NewGuid(), otherTenant.InstallationId,
            [Entity("repo", "r1"), Entity("branch", "other/main", relations: """{"repository":"r1"}""")], false, DateTimeOffset.MaxValue, CancellationToken.None);

        var second = Guid.NewGuid();
        await catalog.Writer.UpsertAsync(second, catalog.InstallationId, [Entity("repo", "r2")], false, DateTimeOffset.MaxValue, CancellationToken.None);
        var outcome = await catalog.Writer.DeleteStaleAsync(second, catalog.InstallationId, "repo", 0.9, Relations, deleteDependents: true, new HashSet<string>(), DateTimeOffset.MaxValue, CancellationToken.None);

        Assert.That(outcome.Deleted, Is.EqualTo(2), "r1 and the sibling installation's branch that requires it");
        Assert.That(await catalog.Db.Entities.AsNoTracking().OrderBy(e => e.Identifier).Select(e => e.Identifier).ToListAsync(), Is.EqualTo(new[] { "r2" }));
        Assert.That(await otherTenant.Db.Entities.AsNoTracking().OrderBy(e => e.Identifier).Select(e => e.Identifier).ToListAsync(),
            Is.EqualTo(new[] { "other/main", "r1" }), "another tenant's catalog is untouched");
    }

    [Test]
    public async Task After_a_complete_run_blueprints_no_resource_feeds_any_more_are_emptied_within_the_threshold()
    {
        await using var catalog = await CreateAsync(Factory);
        var first = Guid.NewGuid();
        await catalog.Writer.UpsertAsync(first, catalog.InstallationId,
            [Entity("project", "p1"), Entity("project", "p2"), Entity("repo", "r1", relations: """{"project":"p1"}"""), Entity("branch", "r1/main", relations: """{"repository":"r1"}""")],
            false, DateTimeOffset.MaxValue, CancellationToken.None);
        await catalog.Writer.CreatePlaceholdersAsync(first, catalog.InstallationId, Relations, CancellationToken.None);
        await catalog.Writer.DropStagedAsync(first, CancellationToken.None);

        var tooMany = await catalog.Writer.DeleteUnfedAsync(catalog.InstallationId, new HashSet<string> { "project" }, 0.25, Relations, deleteDependents: true, CancellationToken.None);
        Assert.That(tooMany.Select(u => (u.Blueprint, u.Outcome.Ran)), Is.EqualTo(new[] { ("branch", false), ("repo", false) }));
        Assert.That(tooMany[0].Outcome.SkippedReason, Does.Contain("would remove 2 of the installation's 4 entities (50%), more than the entityDeletionThreshold of 0.25"));
        Assert.That(await catalog.Db.Entities.CountAsync(e => !e.IsPlaceholder), Is.EqualTo(4));

        var emptied = await catalog.Writer.DeleteUnfedAsync(catalog.InstallationId, new HashSet<string> { "project", "branch" }, 0.9, Relations, deleteDependents: true, CancellationToken.None);
        Assert.That(emptied.Select(u => (u.Blueprint, u.Outcome.Deleted)), Is.EqualTo(new[] { ("repo", 2L) }), "r1 and the branch that requires it");
        Assert.That(await catalog.Db.Entities.AsNoTracking().Where(e => !e.IsPlaceholder).OrderBy(e => e.Identifier).Select(e => e.Identifier).ToListAsync(),
            Is.EqualTo(new[] { "p1", "p2" }));
    }
}
