using Npgsql;

namespace Runner.Domain.Resync.Runs;

/// <summary>
/// Deletes finished runs past the retention, a bounded number per sweep, keeping each installation's
/// latest finished run (its last result stays visible however rarely it runs). Plain SQL across tenants, like the
/// other sweeps; SKIP LOCKED lets every Worker sweep at once without waiting on each other.
/// </summary>
public sealed class FinishedRunPruning(NpgsqlDataSource dataSource, TimeProvider clock)
{
    // 100,000 hourly installations finish ~830 runs per 30 s sweep: one Worker's sweeps keep up six times over.
    private const int MaxPerSweep = 5_000;

    /// <returns>How many runs were deleted.</returns>
    public async Task<int> PruneAsync(TimeSpan retention, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("""
            DELETE FROM runner.resync_runs WHERE id IN (
                SELECT o.id FROM runner.resync_runs o
                WHERE o.queued_at < $1 AND o.status NOT IN ('Queued', 'Running')
                  AND EXISTS (
                      SELECT 1 FROM runner.resync_runs n
                      WHERE n.tenant_id = o.tenant_id AND n.installation_id = o.installation_id
                        AND n.queued_at > o.queued_at AND n.status NOT IN ('Queued', 'Running'))
                LIMIT $2
                FOR UPDATE SKIP LOCKED)
            """);
        command.Parameters.AddWithValue(clock.GetUtcNow() - retention);
        command.Parameters.AddWithValue(MaxPerSweep);
        return await command.ExecuteNonQueryAsync(ct);
    }
}
