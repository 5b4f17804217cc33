using Microsoft.EntityFrameworkCore;
using Runner.Domain.Catalog;
using Runner.Domain.Mapping;
using Runner.Domain.Persistence;
using Runner.Domain.Resync.Runs;

namespace Runner.Domain.Resync.Execution;

/// <summary>
/// After every resource ran: per blueprint, delete what the run did not see — only when every
/// resource feeding that blueprint completed without a fetch problem or a mapping error; after a run
/// in which every resource did, delete the installation's entities in blueprints no resource feeds any more.
/// </summary>
public sealed class ResyncReconciliation(RunnerDbContext db, CatalogWriter catalog)
{
    public sealed record ResourceOutcome(ResourceConfig Resource, IReadOnlySet<string> Blueprints, KindReport Kind);

    public async Task RunAsync(Guid runId, Guid installationId, PortAppConfig config, IReadOnlyList<ResourceOutcome> outcomes, ResyncReport report,
        DateTimeOffset fetchStartedAt, CancellationToken ct)
    {
        var relations = BlueprintRelation.From(await db.Blueprints.AsNoTracking().ToListAsync(ct));
        var fed = outcomes.SelectMany(o => o.Blueprints.Select(b => (Blueprint: b, Outcome: o))).GroupBy(x => x.Blueprint, x => x.Outcome).ToList();
        var keepWhole = fed.Where(g => WhyIncomplete(g) is not null).Select(g => g.Key).ToHashSet(StringComparer.Ordinal);
        var counts = await catalog.CountStaleAsync(runId, installationId, [.. fed.Select(g => g.Key).Where(b => !keepWhole.Contains(b))], fetchStartedAt, ct);
        foreach (var feeders in fed.OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var blueprint = new BlueprintReport { Blueprint = feeders.Key };
            report.Blueprints.Add(blueprint);
            var reason = WhyIncomplete(feeders);
            if (reason is null)
            {
                // Nothing stale, the usual case, needs no transaction of its own.
                var outcome = counts[feeders.Key].Stale == 0
                    ? new CatalogWriter.DeletionOutcome(true, 0, null)
                    : await catalog.DeleteStaleAsync(runId, installationId, feeders.Key, config.EntityDeletionThreshold, relations, config.DeleteDependentEntities, keepWhole, fetchStartedAt, ct);
                (blueprint.DeletionRan, blueprint.Deleted, reason) = (outcome.Ran, outcome.Deleted, outcome.SkippedReason);
            }
            blueprint.DeletionSkippedReason = reason;
            foreach (var kind in feeders.Select(f => f.Kind).Distinct())
            {
                kind.Deleted += blueprint.Deleted;
                kind.Deletion = Combine(kind.Deletion, reason is null ? "ran" : $"skipped for {feeders.Key}: {reason}");
            }
        }
        // Only a run that saw everything knows which blueprints its mapping feeds (a blueprint may come from jq).
        if (outcomes.All(o => o.Kind.FetchErrors.Count == 0 && o.Kind.MappingErrors == 0))
        {
            var unfed = await catalog.DeleteUnfedAsync(installationId, fed.Select(g => g.Key).ToHashSet(StringComparer.Ordinal),
                config.EntityDeletionThreshold, relations, config.DeleteDependentEntities, ct);
            foreach (var (blueprint, outcome) in unfed)
            {
                report.Blueprints.Add(new BlueprintReport
                {
                    Blueprint = blueprint, DeletionRan = outcome.Ran, Deleted = outcome.Deleted, DeletionSkippedReason = outcome.SkippedReason,
                });
            }
        }
        if (config.CreateMissingRelatedEntities)
        {
            var produced = outcomes.SelectMany(o => o.Blueprints).ToHashSet();
            await catalog.CreatePlaceholdersAsync(runId, installationId, relations.Where(r => produced.Contains(r.Blueprint)), ct);
        }
        await catalog.ForgetTombstonesAsync(installationId, fetchStartedAt, ct);
    }

    /// <summary>Drops the run's staged rows (its seen-set) once the run is over, however it ended.</summary>
    public Task ForgetSeenAsync(Guid runId, CancellationToken ct) => catalog.DropStagedAsync(runId, ct);

    private static string? WhyIncomplete(IEnumerable<ResourceOutcome> feeders)
    {
        foreach (var feeder in feeders)
        {
            if (feeder.Kind.FetchErrors.Count > 0)
            {
                return $"kind '{feeder.Kind.Kind}' was not fetched completely ({feeder.Kind.FetchErrors[0]})";
            }
            if (feeder.Kind.MappingErrors > 0)
            {
                return $"{feeder.Kind.MappingErrors} object(s) of kind '{feeder.Kind.Kind}' failed mapping";
            }
        }
        return null;
    }

    private static string Combine(string? existing, string next) =>
        existing is null || existing == next ? next : existing == "ran" ? next : next == "ran" ? existing : $"{existing}; {next}";
}
