using Microsoft.EntityFrameworkCore;
using Runner.Domain.Catalog;
using Runner.Domain.Hosting;
using Runner.Domain.Integrations;
using Runner.Domain.Mapping;
using Runner.Domain.Persistence;
using Runner.Domain.Resync.Incremental;
using Runner.Domain.Resync.Runs;

namespace Runner.Domain.Resync.Execution;

/// <summary>
/// What a resync does, apart from the run's lifecycle: open the installation's source, fetch → map → write
/// each resource of its mapping in batches, then reconcile blueprint by blueprint and keep raw examples.
/// A failure before the end leaves the catalog as the last complete run left it, plus what this run upserted.
/// An incremental run (<see cref="IncrementalPlan"/>) fetches only the incremental kinds that have a cursor, from that
/// cursor, and reconciles nothing. Any run that wrote all it fetched advances the cursor of each incremental kind it fetched completely.
/// </summary>
public sealed class ResyncPipeline(
    RunnerDbContext db, IntegrationSources sources, CompiledMappings mappings, ResourceSync resources, ResyncReconciliation reconciliation, RawExamples examples,
    IncrementalPlan plan, TimeProvider clock, CatalogWriter catalog)
{
    public async Task RunAsync(ResyncRun run, ResyncReport report, RunProgress progress, CancellationToken ct)
    {
        try
        {
            var installation = await db.Installations.AsNoTracking().Include(i => i.Secrets).SingleAsync(i => i.Id == run.InstallationId, ct);
            var compiled = mappings.Get(installation.MappingText);
            var config = compiled.Config;
            using var source = await sources.OpenAsync(installation, ct);
            run.Mode = await plan.ModeAsync(run, installation, ct);
            var cursors = run.Mode == ResyncMode.Incremental ? await plan.CursorsAsync(installation.Id, ct) : null;
            // Live events applied from now on are newer than anything this run fetches (docs/decisions/live-events.md).
            var fetchStartedAt = await catalog.ClockAsync(ct);

            var outcomes = new List<ResyncReconciliation.ResourceOutcome>();
            var kept = new Dictionary<string, List<string>>(StringComparer.Ordinal);
            var pending = new PendingEntities(catalog, run, config.EnableMergeEntity, fetchStartedAt);
            // Written once every entity of the run is: a cursor must never pass objects still waiting in the pending batch.
            var completedSince = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
            foreach (var mapper in compiled.Resources)
            {
                var incremental = IncrementalPlan.IsIncremental(installation, mapper.Resource.Kind);
                DateTimeOffset? since = null;
                if (cursors is not null)
                {
                    if (!incremental || !cursors.TryGetValue(mapper.Resource.Kind, out var cursor))
                    {
                        // Not incremental, or never fetched completely yet: the next full run takes it.
                        continue;
                    }
                    since = cursor;
                }
                using var kindActivity = RunnerTelemetry.ActivitySource.StartActivity($"resync {mapper.Resource.Kind}");
                var kind = report.Kind(mapper.Resource.Kind);
                kind.ChangedSince = since;
                var keep = installation.SendRawDataExamples && !kept.ContainsKey(kind.Kind) ? kept[kind.Kind] = [] : null;
                var request = new FetchRequest(mapper.Resource.Kind, mapper.Resource.Selector.Options, config.Options, since);
                var fetchStarted = clock.GetUtcNow();
                var blueprints = await resources.SyncAsync(source, request, mapper, kind, keep, pending, progress, ct);
                outcomes.Add(new(mapper.Resource, blueprints, kind));
                if (incremental && kind.Completed && kind.MappingErrors == 0)
                {
                    completedSince[kind.Kind] = fetchStarted;
                }
            }
            await pending.FlushAsync(ct);
            await plan.AdvanceAsync(run, completedSince, ct);

            var cost = source.Cost;
            (report.Http.Requests, report.Http.Throttled, report.Http.Retries, report.Http.DelayHonouredSeconds) =
                (cost.Requests, cost.Throttled, cost.Retries, cost.DelayHonoured.TotalSeconds);
            if (run.Mode == ResyncMode.Full)
            {
                await reconciliation.RunAsync(run.Id, installation.Id, config, outcomes, report, fetchStartedAt, ct);
            }
            await examples.KeepAsync(installation, kept, ct);
        }
        finally
        {
            await reconciliation.ForgetSeenAsync(run.Id, CancellationToken.None);
        }
    }
}
