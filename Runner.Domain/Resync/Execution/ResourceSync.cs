using System.Text;
using Runner.Domain.Catalog;
using Runner.Domain.Integrations;
using Runner.Domain.Mapping;
using Runner.Domain.Resync.Runs;

namespace Runner.Domain.Resync.Execution;

/// <summary>
/// One resource of a run: pages stream from the integration's source through the resource's jq program into
/// batched catalog writes, so memory holds one page and one batch, never a whole kind.
/// </summary>
public sealed class ResourceSync(CatalogWriter writer, ResyncRunRecorder recorder)
{
    public const int BatchSize = 1000;
    private const int MappingErrorSamples = 5;

    /// <returns>The blueprints this resource writes to.</returns>
    public async Task<IReadOnlySet<string>> SyncAsync(IIntegrationSource source, ResyncRun run, ResourceMapper mapper, bool mergeEntities,
        KindReport kind, List<string>? keepExamples, Func<int> nextBatch, ResyncReport report, CancellationToken ct)
    {
        var blueprints = new HashSet<string>(StringComparer.Ordinal);
        if (StaticBlueprint.Of(mapper.Resource) is { } declared)
        {
            blueprints.Add(declared);
        }
        var pending = new List<MappedEntity>(BatchSize);
        try
        {
            await foreach (var page in source.FetchAsync(mapper.Resource.Kind, mapper.Resource.Selector.Options, ct))
            {
                var results = MapPage(mapper, page.Items);
                for (var i = 0; i < results.Length; i++)
                {
                    kind.Fetched++;
                    if (keepExamples is { Count: < RawExample.MaxPerKind })
                    {
                        keepExamples.Add(Encoding.UTF8.GetString(page.Items[i].Span));
                    }
                    Tally(kind, results[i], blueprints, pending);
                }
                if (pending.Count >= BatchSize)
                {
                    await FlushAsync(run, pending, mergeEntities, kind, nextBatch, ct);
                }
                await recorder.SaveProgressAsync(run, report, ct);
            }
        }
        catch (KindIncompleteException e)
        {
            kind.FetchErrors.Add(e.Message);
        }
        await FlushAsync(run, pending, mergeEntities, kind, nextBatch, ct);
        kind.FetchErrors.AddRange(source.ProblemsOf(mapper.Resource.Kind).Except(kind.FetchErrors));
        kind.Completed = kind.FetchErrors.Count == 0;
        return blueprints;
    }

    // ResourceMapper is thread-safe: a page's objects are mapped on all cores, then tallied in order.
    private static ObjectMappingResult[] MapPage(ResourceMapper mapper, IReadOnlyList<ReadOnlyMemory<byte>> items)
    {
        var results = new ObjectMappingResult[items.Count];
        Parallel.For(0, items.Count, i => results[i] = mapper.Map(items[i].Span));
        return results;
    }

    private static void Tally(KindReport kind, ObjectMappingResult result, HashSet<string> blueprints, List<MappedEntity> pending)
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

    private async Task FlushAsync(ResyncRun run, List<MappedEntity> pending, bool mergeEntities, KindReport kind, Func<int> nextBatch, CancellationToken ct)
    {
        if (pending.Count == 0)
        {
            return;
        }
        var written = await writer.UpsertAsync(run.Id, run.InstallationId, nextBatch(), pending, mergeEntities, ct);
        kind.Upserted += written.Inserted + written.Updated;
        kind.Unchanged += written.Unchanged;
        pending.Clear();
    }
}
