using Microsoft.EntityFrameworkCore;
using Runner.Domain.Persistence;

namespace Runner.Domain.LiveEvents;

/// <summary>
/// Deliveries in the inbox that the Worker has not finished yet. The installation's <c>live_received</c> counts an
/// event only once the Worker finishes it: the intake never writes the installation's row, which at 50 deliveries/s
/// became a lock every delivery queued on. What an installation has received is that count plus its backlog.
/// </summary>
public sealed class InboxBacklog(RunnerDbContext db)
{
    public sealed record Pending(long Count, DateTimeOffset LastReceivedAt);

    /// <summary>The caller's tenant's installations among <paramref name="installationIds"/> that have a backlog.</summary>
    public async Task<Dictionary<Guid, Pending>> OfAsync(IReadOnlyCollection<Guid> installationIds, CancellationToken ct) =>
        (await db.InboxEvents.AsNoTracking()
            .Where(e => installationIds.Contains(e.InstallationId) && e.AppliedAt == null)
            .GroupBy(e => e.InstallationId)
            .Select(g => new { g.Key, Count = g.LongCount(), Last = g.Max(e => e.ReceivedAt) })
            .ToListAsync(ct))
        .ToDictionary(p => p.Key, p => new Pending(p.Count, p.Last));
}
