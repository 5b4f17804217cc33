using Microsoft.EntityFrameworkCore;
using Runner.Domain.Catalog;
using Runner.Tests.Infrastructure;
using static Runner.Tests.Catalog.CatalogScope;

namespace Runner.Tests.Catalog;

/// <summary>
/// A live event applied while a resync runs, interleaved step by step: the run's fetch starts, an event writes or deletes,
/// then the run writes its (older) copies and reconciles. The event's version wins every time.
/// </summary>
public sealed class LiveEventRaceTests : ApiTests
{
    [Test]
    public async Task An_event_applied_during_a_resync_is_not_overwritten_by_the_resyncs_older_copy()
    {
        await using var catalog = await CreateAsync(Factory);
        var run = Guid.NewGuid();
        var fetchStartedAt = await catalog.Writer.ClockAsync(CancellationToken.None);

        await catalog.Writer.UpsertLiveAsync(catalog.InstallationId, [Entity("wi", "1", title: "changed live")], mergeEntities: false, CancellationToken.None);
        var written = await catalog.Writer.UpsertAsync(run, catalog.InstallationId, [Entity("wi", "1", title: "fetched before the change")], false, fetchStartedAt, CancellationToken.None);

        Assert.That(written.Inserted + written.Updated, Is.Zero);
        Assert.That((await EntityAsync(catalog, "wi", "1"))!.Title, Is.EqualTo("changed live"));
    }

    [Test]
    public async Task Reconciliation_keeps_an_entity_an_event_created_after_the_runs_fetch_started()
    {
        await using var catalog = await CreateAsync(Factory);
        var run = Guid.NewGuid();
        await catalog.Writer.UpsertAsync(Guid.NewGuid(), catalog.InstallationId, [Entity("wi", "old")], false, DateTimeOffset.MaxValue, CancellationToken.None);
        var fetchStartedAt = await catalog.Writer.ClockAsync(CancellationToken.None);

        await catalog.Writer.UpsertAsync(run, catalog.InstallationId, [Entity("wi", "seen")], false, fetchStartedAt, CancellationToken.None);
        await catalog.Writer.UpsertLiveAsync(catalog.InstallationId, [Entity("wi", "created live")], mergeEntities: false, CancellationToken.None);
        var outcome = await catalog.Writer.DeleteStaleAsync(run, catalog.InstallationId, "wi", 1.0, [], false, new HashSet<string>(), fetchStartedAt, CancellationToken.None);

        Assert.That(outcome.Deleted, Is.EqualTo(1), "the entity nobody saw is still reconciled away");
        Assert.That(await EntityAsync(catalog, "wi", "old"), Is.Null);
        Assert.That(await EntityAsync(catalog, "wi", "created live"), Is.Not.Null);
        Assert.That(await EntityAsync(catalog, "wi", "seen"), Is.Not.Null);
    }

    [Test]
    public async Task An_entity_an_event_deleted_during_a_resync_is_not_brought_back_by_the_resync()
    {
        await using var catalog = await CreateAsync(Factory);
        await catalog.Writer.UpsertAsync(Guid.NewGuid(), catalog.InstallationId, [Entity("wi", "7")], false, DateTimeOffset.MaxValue, CancellationToken.None);
        var run = Guid.NewGuid();
        var fetchStartedAt = await catalog.Writer.ClockAsync(CancellationToken.None);

        var deleted = await catalog.Writer.DeleteLiveAsync(catalog.InstallationId, "wi", ["7"], [], false, CancellationToken.None);
        await catalog.Writer.UpsertAsync(run, catalog.InstallationId, [Entity("wi", "7", title: "fetched before the delete")], false, fetchStartedAt, CancellationToken.None);

        Assert.That(deleted, Is.EqualTo(1));
        Assert.That(await EntityAsync(catalog, "wi", "7"), Is.Null);

        // Once the run is over its tombstones go, and the next run (which fetched after the delete) writes normally.
        await catalog.Writer.ForgetTombstonesAsync(catalog.InstallationId, DateTimeOffset.MaxValue, CancellationToken.None);
        Assert.That(await catalog.Db.LiveTombstones.CountAsync(), Is.Zero);
    }

    [Test]
    public async Task A_live_write_before_the_runs_fetch_started_is_refreshed_by_the_run_as_usual()
    {
        await using var catalog = await CreateAsync(Factory);
        await catalog.Writer.UpsertLiveAsync(catalog.InstallationId, [Entity("wi", "3", title: "live, then changed again")], mergeEntities: false, CancellationToken.None);
        var fetchStartedAt = await catalog.Writer.ClockAsync(CancellationToken.None);

        await catalog.Writer.UpsertAsync(Guid.NewGuid(), catalog.InstallationId, [Entity("wi", "3", title: "fetched after")], false, fetchStartedAt, CancellationToken.None);

        Assert.That((await EntityAsync(catalog, "wi", "3"))!.Title, Is.EqualTo("fetched after"));
    }

    [Test]
    public async Task A_live_write_brings_back_an_entity_a_live_delete_removed()
    {
        await using var catalog = await CreateAsync(Factory);
        await catalog.Writer.UpsertLiveAsync(catalog.InstallationId, [Entity("wi", "9")], mergeEntities: false, CancellationToken.None);
        await catalog.Writer.DeleteLiveAsync(catalog.InstallationId, "wi", ["9"], [], false, CancellationToken.None);
        await catalog.Writer.UpsertLiveAsync(catalog.InstallationId, [Entity("wi", "9", title: "restored")], mergeEntities: false, CancellationToken.None);

        Assert.That((await EntityAsync(catalog, "wi", "9"))!.Title, Is.EqualTo("restored"));
        Assert.That(await catalog.Db.LiveTombstones.CountAsync(), Is.Zero);
    }

    private static Task<CatalogEntity?> EntityAsync(CatalogScope catalog, string blueprint, string identifier) =>
        catalog.Db.Entities.AsNoTracking().SingleOrDefaultAsync(e => e.Blueprint == blueprint && e.Identifier == identifier);
}
