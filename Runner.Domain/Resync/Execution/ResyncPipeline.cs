using Microsoft.EntityFrameworkCore;
using Runner.Domain.Hosting;
using Runner.Domain.Integrations;
using Runner.Domain.Mapping;
using Runner.Domain.Persistence;
using Runner.Domain.Resync.Runs;

namespace Runner.Domain.Resync.Execution;

/// <summary>
/// What a resync does, apart from the run's lifecycle: open the installation's source, fetch → map → write
/// each resource of its mapping in batches, then reconcile blueprint by blueprint and keep raw examples.
/// A failure before the end leaves the catalog as the last complete run left it, plus what this run upserted.
/// </summary>
public sealed class ResyncPipeline(
    RunnerDbContext db, IntegrationSources sources, CompiledMappings mappings, ResourceSync resources, ResyncReconciliation reconciliation, RawExamples examples)
{
    public async Task RunAsync(ResyncRun run, ResyncReport report, RunProgress progress, CancellationToken ct)
    {
        try
        {
            var installation = await db.Installations.AsNoTracking().Include(i => i.Secrets).SingleAsync(i => i.Id == run.InstallationId, ct);
            var compiled = mappings.Get(installation.MappingText);
            var config = compiled.Config;
            using var source = await sources.OpenAsync(installation, ct);

            var outcomes = new List<ResyncReconciliation.ResourceOutcome>();
            var kept = new Dictionary<string, List<string>>(StringComparer.Ordinal);
            var batch = 0;
            foreach (var mapper in compiled.Resources)
            {
                using var kindActivity = RunnerTelemetry.ActivitySource.StartActivity($"resync {mapper.Resource.Kind}");
                var kind = report.Kind(mapper.Resource.Kind);
                var keep = installation.SendRawDataExamples && !kept.ContainsKey(kind.Kind) ? kept[kind.Kind] = [] : null;
                var blueprints = await resources.SyncAsync(source, run, mapper, config.EnableMergeEntity, kind, keep, () => batch++, progress, ct);
                outcomes.Add(new(mapper.Resource, blueprints, kind));
            }

            var cost = source.Cost;
            (report.Http.Requests, report.Http.Throttled, report.Http.Retries, report.Http.DelayHonouredSeconds) =
                (cost.Requests, cost.Throttled, cost.Retries, cost.DelayHonoured.TotalSeconds);
            await reconciliation.RunAsync(run.Id, installation.Id, config, outcomes, report, ct);
            await examples.KeepAsync(installation, kept, ct);
        }
        finally
        {
            await reconciliation.ForgetSeenAsync(run.Id, CancellationToken.None);
        }
    }
}
