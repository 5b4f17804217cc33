using System.Text;
using Microsoft.Extensions.Options;
using Runner.Domain.Integrations;
using Runner.Domain.Jq;
using Runner.Domain.Mapping;
using Runner.Domain.Resync.Runs;

namespace Runner.Domain.Resync.Execution;

/// <summary>
/// One resource of a run: pages stream from the integration's source through the resource's jq program into the
/// run's <see cref="PendingEntities"/>, so memory holds one page and one batch, never a whole kind. Each object's mapping
/// runs under the resync budget and stops when the run is cancelled.
/// </summary>
public sealed class ResourceSync(IOptions<MappingOptions> options)
{
    private readonly JqBudget budget = options.Value.Resync.ToBudget();

    private const int MappingErrorSamples = 5;

    /// <returns>The blueprints this resource writes to.</returns>
    public async Task<IReadOnlySet<string>> SyncAsync(IIntegrationSource source, FetchRequest request, ResourceMapper mapper, KindReport kind,
        List<string>? keepExamples, PendingEntities pending, RunProgress progress, CancellationToken ct)
    {
        var blueprints = new HashSet<string>(StringComparer.Ordinal);
        if (StaticBlueprint.Of(mapper.Resource) is { } declared)
        {
            blueprints.Add(declared);
        }
        pending.StartResource(kind);
        try
        {
            await foreach (var page in source.FetchAsync(request, ct))
            {
                var results = MapPage(mapper, page.Items, ct);
                for (var i = 0; i < results.Length; i++)
                {
                    kind.Fetched++;
                    if (keepExamples is { Count: < RawExample.MaxPerKind })
                    {
                        keepExamples.Add(Encoding.UTF8.GetString(page.Items[i].Span));
                    }
                    Tally(kind, results[i], blueprints, pending);
                }
                if (pending.IsFull)
                {
                    await pending.FlushAsync(ct);
                }
                await progress.SaveAsync(ct);
            }
        }
        catch (KindIncompleteException e)
        {
            kind.FetchErrors.Add(e.Message);
        }
        kind.FetchErrors.AddRange(source.ProblemsOf(mapper.Resource.Kind).Except(kind.FetchErrors));
        foreach (var (reason, count) in source.SkippedOf(mapper.Resource.Kind))
        {
            if (kind.Skipped.Find(s => s.Reason == reason) is { } known)
            {
                known.Count = count;
            }
            else
            {
                kind.Skipped.Add(new SkippedObjects { Reason = reason, Count = count });
            }
        }
        kind.Completed = kind.FetchErrors.Count == 0;
        return blueprints;
    }

    // ResourceMapper is thread-safe: a page's objects are mapped on all cores, then tallied in order. A cancelled
    // run stops between objects (no new object starts), not at the end of a page of slow ones. At most one thread a
    // core: unbounded, Parallel.For takes every thread the pool injects, and the run's heartbeat (a timer and a query
    // on the pool) starved for seconds on a loaded machine until the sweep abandoned a healthy run.
    private ObjectMappingResult[] MapPage(ResourceMapper mapper, IReadOnlyList<ReadOnlyMemory<byte>> items, CancellationToken ct)
    {
        var results = new ObjectMappingResult[items.Count];
        var run = new JqRunOptions { Budget = budget, CancellationToken = ct };
        var parallel = new ParallelOptions { CancellationToken = ct, MaxDegreeOfParallelism = Environment.ProcessorCount };
        Parallel.For(0, items.Count, parallel, i => results[i] = mapper.Map(items[i], run));
        return results;
    }

    private static void Tally(KindReport kind, ObjectMappingResult result, HashSet<string> blueprints, PendingEntities pending)
    {
        if (!result.IsSuccess)
        {
            kind.MappingErrors++;
            if (kind.MappingErrorSamples.Count < MappingErrorSamples)
            {
                kind.MappingErrorSamples.Add(result.Error!);
            }
            return;
        }
        if (result.Selected)
        {
            kind.Selected++;
        }
        foreach (var entity in result.Entities)
        {
            blueprints.Add(entity.Blueprint);
            pending.Add(entity);
        }
    }
}
