using System.Diagnostics;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Runner.Domain.Catalog;
using Runner.Domain.Hosting;
using Runner.Domain.Installations;
using Runner.Domain.Integrations;
using Runner.Domain.Mapping;
using Runner.Domain.Persistence;
using Runner.Domain.Tenants;

namespace Runner.Domain.LiveEvents;

/// <summary>
/// Applies one installation's pending inbox events in order: re-fetch each object, map it through the installation's
/// mapping as a resync would, and upsert or delete through <see cref="CatalogWriter"/>. A failed event stops the batch
/// (later events wait, keeping the order) and is tried again, at most <see cref="MaxAttempts"/> times.
/// </summary>
public sealed class LiveEventApplier(
    RunnerDbContext db, TenantContext tenant, IntegrationSources sources, CompiledMappings mappings, UnselectedMappings unselected,
    CatalogWriter catalog, RawExamples examples, LiveEventMetrics metrics, TimeProvider clock)
{
    public const int MaxAttempts = 5;

    public sealed record BatchOutcome(int Applied, bool Stalled);

    public async Task<BatchOutcome> ApplyPendingAsync(Guid installationId, int max, CancellationToken ct)
    {
        // Worker scope: no key, so the installation decides the tenant.
        var installation = await db.Installations.IgnoreQueryFilters().AsNoTracking().Include(i => i.Secrets)
            .SingleOrDefaultAsync(i => i.Id == installationId, ct);
        if (installation is null)
        {
            return new BatchOutcome(0, false);
        }
        tenant.Set(installation.TenantId);
        var pending = await db.InboxEvents.Where(e => e.InstallationId == installationId && e.AppliedAt == null)
            .OrderBy(e => e.Id).Take(max).ToListAsync(ct);
        if (pending.Count == 0)
        {
            return new BatchOutcome(0, false);
        }
        if (!installation.LiveEvents)
        {
            return await FinishAllAsync(installationId, pending, "ignored: live events are off");
        }
        var compiled = mappings.Get(installation.MappingText);
        var relations = BlueprintRelation.From(await db.Blueprints.AsNoTracking().ToListAsync(ct));
        using var source = await sources.OpenAsync(installation, live: true, ct);
        var live = (ILiveEventSource)source;
        // Re-fetching is most of an event's time and independent per event: all of the batch's at once (the session
        // bounds the requests in flight), then applied in order. Each fetch starts after its event was received, so
        // the last event of an object in the batch writes a state at least as new as that event.
        var resolved = await Task.WhenAll(pending.Select(inboxEvent => ResolveAsync(live, inboxEvent, ct)));
        var applied = 0;
        // The mapping tester works on what arrived by events too, when the installation sends raw data examples.
        var arrived = installation.SendRawDataExamples ? new Dictionary<string, List<string>>(StringComparer.Ordinal) : null;
        try
        {
            for (var i = 0; i < pending.Count; i++)
            {
                var inboxEvent = pending[i];
                using var activity = RunnerTelemetry.ActivitySource.StartActivity("live event");
                activity?.SetTag("runner.installation_id", installationId);
                activity?.SetTag("runner.event_type", inboxEvent.EventType);
                try
                {
                    var objects = resolved[i].Objects ?? throw resolved[i].Failure!;
                    inboxEvent.Outcome = Bounded(await ApplyAsync(installation, compiled, relations, objects, arrived, ct));
                }
                catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
                {
                    activity?.SetStatus(ActivityStatusCode.Error, e.GetType().Name);
                    inboxEvent.Attempts++;
                    inboxEvent.Outcome = Bounded($"attempt {inboxEvent.Attempts} failed: {Describe(e)}");
                    var givenUp = inboxEvent.Attempts >= MaxAttempts;
                    if (givenUp)
                    {
                        inboxEvent.AppliedAt = clock.GetUtcNowForDatabase();
                        metrics.Applied(succeeded: false, inboxEvent.AppliedAt.Value - inboxEvent.ReceivedAt);
                    }
                    return new BatchOutcome(applied, Stalled: !givenUp);
                }
                // The entities are committed by now (visible through the API): that is the moment the event counts as applied.
                inboxEvent.AppliedAt = clock.GetUtcNowForDatabase();
                metrics.Applied(succeeded: true, inboxEvent.AppliedAt.Value - inboxEvent.ReceivedAt);
                applied++;
            }
            return new BatchOutcome(applied, false);
        }
        finally
        {
            await CommitAsync(installationId, pending, applied);
            await KeepExamplesAsync(installationId, arrived, ct);
        }
    }

    /// <summary>
    /// One commit for the batch's inbox rows and the installation's counts, together so the counts never lag (or, after a
    /// crash, miss) an event marked finished. A crash before it re-applies the batch: re-fetching makes that harmless.
    /// </summary>
    private async Task CommitAsync(Guid installationId, List<InboxEvent> batch, int applied)
    {
        var finished = batch.Where(e => e.AppliedAt is not null).ToList();
        await using var transaction = await db.Database.BeginTransactionAsync(CancellationToken.None);
        await db.SaveChangesAsync(CancellationToken.None);
        if (finished.Count > 0)
        {
            var lastReceived = finished.Max(e => e.ReceivedAt);
            await db.Database.ExecuteSqlAsync($"""
                UPDATE runner.installations SET live_applied = live_applied + {applied}, live_received = live_received + {finished.Count},
                    live_last_event_at = greatest(live_last_event_at, {lastReceived}) WHERE id = {installationId}
                """, CancellationToken.None);
        }
        await transaction.CommitAsync(CancellationToken.None);
    }

    private sealed record Resolution(IReadOnlyList<LiveObject>? Objects, Exception? Failure);

    private static async Task<Resolution> ResolveAsync(ILiveEventSource live, InboxEvent inboxEvent, CancellationToken ct)
    {
        try
        {
            using var delivery = JsonDocument.Parse(inboxEvent.BodyJson);
            return new Resolution(await live.ResolveAsync(delivery.RootElement, ct), null);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            return new Resolution(null, e);
        }
    }

    private async Task KeepExamplesAsync(Guid installationId, Dictionary<string, List<string>>? arrived, CancellationToken ct)
    {
        foreach (var (kind, objects) in arrived ?? [])
        {
            await examples.AddNewestAsync(installationId, kind, objects, clock.GetUtcNowForDatabase(), ct);
        }
    }

    private async Task<string> ApplyAsync(Installation installation, CompiledPortAppConfig compiled, IReadOnlyList<BlueprintRelation> relations,
        IReadOnlyList<LiveObject> objects, Dictionary<string, List<string>>? arrived, CancellationToken ct)
    {
        var config = compiled.Config;
        long upserted = 0, deleted = 0;
        var errors = new List<string>();
        foreach (var item in objects)
        {
            if (arrived is not null && item.Current is { } fetched && compiled.Resources.Any(r => r.Resource.Kind == item.Kind))
            {
                var kept = arrived.TryGetValue(item.Kind, out var list) ? list : arrived[item.Kind] = [];
                kept.Add(fetched.GetRawText());
                // Only the newest few can survive the merge: a batch of one kind holds no more than that.
                if (kept.Count > RawExample.MaxPerKind)
                {
                    kept.RemoveAt(0);
                }
            }
            foreach (var mapper in compiled.Resources.Where(r => r.Resource.Kind == item.Kind))
            {
                var wanted = item.Current is { } current ? mapper.Map(current) : new ObjectMappingResult(false, [], null);
                if (!wanted.IsSuccess)
                {
                    // As in a resync: an object that fails mapping changes nothing, and nothing is deleted because of it.
                    errors.Add(wanted.Error!);
                    continue;
                }
                var written = await catalog.UpsertLiveAsync(installation.Id, wanted.Entities, config.EnableMergeEntity, ct);
                upserted += written.Inserted + written.Updated;
                deleted += await DeleteOthersAsync(installation, config, relations, mapper.Index, item, wanted, ct);
            }
        }
        var summary = objects.Count == 0 ? "nothing Runner syncs" : $"{objects.Count} object(s): {upserted} upserted, {deleted} deleted";
        return errors.Count == 0 ? summary : $"{summary}; mapping failed: {errors[0]}";
    }

    /// <summary>What the object produced before (or would without the selector) but does not produce now goes.</summary>
    private async Task<long> DeleteOthersAsync(Installation installation, PortAppConfig config, IReadOnlyList<BlueprintRelation> relations, int resourceIndex,
        LiveObject item, ObjectMappingResult wanted, CancellationToken ct)
    {
        var everything = unselected.Get(installation.MappingText, config).Resources[resourceIndex];
        var candidates = new List<MappedEntity>();
        foreach (var copy in new[] { (JsonElement?)item.LastKnown, item.Current }.OfType<JsonElement>())
        {
            if (everything.Map(copy) is { IsSuccess: true } result)
            {
                candidates.AddRange(result.Entities);
            }
        }
        var kept = wanted.Entities.Select(e => (e.Blueprint, e.Identifier)).ToHashSet();
        long deleted = 0;
        foreach (var blueprint in candidates.Where(e => !kept.Contains((e.Blueprint, e.Identifier))).GroupBy(e => e.Blueprint, StringComparer.Ordinal))
        {
            deleted += await catalog.DeleteLiveAsync(installation.Id, blueprint.Key, [.. blueprint.Select(e => e.Identifier).Distinct(StringComparer.Ordinal)],
                relations, config.DeleteDependentEntities, ct);
        }
        return deleted;
    }

    private async Task<BatchOutcome> FinishAllAsync(Guid installationId, List<InboxEvent> pending, string outcome)
    {
        foreach (var inboxEvent in pending)
        {
            inboxEvent.AppliedAt = clock.GetUtcNowForDatabase();
            inboxEvent.Outcome = outcome;
        }
        await CommitAsync(installationId, pending, applied: 0);
        return new BatchOutcome(pending.Count, false);
    }

    // Integration exceptions name the request path and status, never a credential.
    private static string Describe(Exception e) => e is CredentialsRefusedException ? "Azure DevOps refused the credentials" : $"{e.GetType().Name}: {e.Message}";

    private static string Bounded(string text) => text.Length <= 1000 ? text : text[..999] + "…";
}
