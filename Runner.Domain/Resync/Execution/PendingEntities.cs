using Runner.Domain.Catalog;
using Runner.Domain.Mapping;
using Runner.Domain.Resync.Runs;

namespace Runner.Domain.Resync.Execution;

/// <summary>
/// A run's mapped entities not yet written, per resource in fetch order: written together, in one round trip, once they make
/// a batch and when the fetch is over. Most resources of a small organization map a few entities; written one resource at
/// a time they took a round trip and a pooled connection each. Memory holds one batch, as before.
/// </summary>
public sealed class PendingEntities(CatalogWriter writer, ResyncRun run, bool mergeEntities, DateTimeOffset fetchStartedAt)
{
    public const int BatchSize = 1000;

    private readonly List<(KindReport Kind, List<MappedEntity> Entities)> _resources = [];
    private int _count;

    public bool IsFull => _count >= BatchSize;

    /// <summary>The entities added from now on are the next resource's, counted in <paramref name="kind"/>.</summary>
    public void StartResource(KindReport kind) => _resources.Add((kind, []));

    public void Add(MappedEntity entity)
    {
        _resources[^1].Entities.Add(entity);
        _count++;
    }

    public async Task FlushAsync(CancellationToken ct)
    {
        if (_count == 0)
        {
            return;
        }
        // A cancelled run writes nothing more, not even the batch it has mapped.
        ct.ThrowIfCancellationRequested();
        var written = await writer.UpsertBatchesAsync(run.Id, run.InstallationId, _resources.Select(r => (IReadOnlyList<MappedEntity>)r.Entities).ToList(),
            mergeEntities, fetchStartedAt, ct);
        for (var i = 0; i < written.Count; i++)
        {
            _resources[i].Kind.Upserted += written[i].Inserted + written[i].Updated;
            _resources[i].Kind.Unchanged += written[i].Unchanged;
        }
        // The resource being fetched goes on filling a batch of its own.
        var current = _resources[^1].Kind;
        _resources.Clear();
        _count = 0;
        StartResource(current);
    }
}
