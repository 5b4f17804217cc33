using Microsoft.EntityFrameworkCore;
using Runner.Domain.Installations;
using Runner.Domain.Integrations;
using Runner.Domain.Persistence;
using Runner.Domain.Resync.Runs;

namespace Runner.Domain.Resync.Incremental;

/// <summary>
/// Decides whether a run is full or incremental, hands out each kind's cursor, and advances it when the kind completes.
/// A run is incremental only when it is scheduled, the installation has <c>incrementalSync</c> on, and a full run
/// succeeded within <c>fullResyncIntervalHours</c>; manual, initial and retried runs are full.
/// </summary>
public sealed class IncrementalPlan(RunnerDbContext db, TimeProvider clock)
{
    public async Task<ResyncMode> ModeAsync(ResyncRun run, Installation installation, CancellationToken ct)
    {
        if (run.Trigger != ResyncTrigger.Scheduled || !installation.IncrementalSync)
        {
            return ResyncMode.Full;
        }
        var since = clock.GetUtcNow() - TimeSpan.FromHours(installation.FullResyncIntervalHours);
        var recentFull = await db.ResyncRuns.AsNoTracking().AnyAsync(r => r.InstallationId == installation.Id && r.Mode == ResyncMode.Full
            && r.Status == ResyncRunStatus.Succeeded && r.StartedAt >= since, ct);
        return recentFull ? ResyncMode.Incremental : ResyncMode.Full;
    }

    public async Task<IReadOnlyDictionary<string, DateTimeOffset>> CursorsAsync(Guid installationId, CancellationToken ct) =>
        await db.KindCursors.AsNoTracking().Where(c => c.InstallationId == installationId).ToDictionaryAsync(c => c.Kind, c => c.ChangedSince, StringComparer.Ordinal, ct);

    /// <summary>Each kind's fetch that began at its time completed: later runs of the kind start from there.</summary>
    /// <remarks>One statement for all of them, not a tracked read and save per kind.</remarks>
    public async Task AdvanceAsync(ResyncRun run, IReadOnlyDictionary<string, DateTimeOffset> fetchStartedByKind, CancellationToken ct)
    {
        if (fetchStartedByKind.Count == 0)
        {
            return;
        }
        var kinds = fetchStartedByKind.Keys.ToArray();
        var fetchStarted = kinds.Select(k => fetchStartedByKind[k]).ToArray();
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO runner.kind_cursors AS c (installation_id, kind, tenant_id, changed_since, run_id)
            SELECT {run.InstallationId}, k.kind, {run.TenantId}, k.changed_since, {run.Id}
            FROM unnest({kinds}::text[], {fetchStarted}::timestamptz[]) AS k(kind, changed_since)
            ON CONFLICT (installation_id, kind) DO UPDATE SET changed_since = excluded.changed_since, run_id = excluded.run_id
            WHERE c.tenant_id = excluded.tenant_id
            """, ct);
    }

    /// <summary>Whether <paramref name="kind"/> can be fetched incrementally by this installation's integration.</summary>
    public static bool IsIncremental(Installation installation, string kind) =>
        IntegrationCatalog.Find(installation.IntegrationType)?.FindKind(kind)?.Incremental == true;
}
