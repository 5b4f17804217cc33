using Microsoft.Extensions.Options;
using Npgsql;
using Runner.Domain.Resync.Runs;

namespace Runner.Domain.Resync.Execution;

/// <summary>
/// Heartbeats of running runs, and the sweep that abandons runs whose Worker stopped beating (a
/// killed process). Plain SQL by run id: it runs beside the engine, outside any tenant scope.
/// </summary>
public sealed class ResyncHeartbeats(NpgsqlDataSource dataSource, IOptions<ResyncOptions> options, TimeProvider clock)
{
    /// <summary>Beats every <see cref="ResyncOptions.HeartbeatInterval"/> until disposed.</summary>
    public RunHeartbeat Start(Guid runId) => new(ct => BeatAsync(runId, ct), options.Value.HeartbeatInterval, clock);

    // Its own connection (not the job's DbContext): a long page or write must not stop the heartbeat.
    private async Task BeatAsync(Guid runId, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("UPDATE runner.resync_runs SET heartbeat_at = $1 WHERE id = $2 AND status = 'Running'");
        command.Parameters.AddWithValue(clock.GetUtcNow());
        command.Parameters.AddWithValue(runId);
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Marks running runs with a heartbeat older than the timeout as abandoned; several Workers may sweep at once, each run is taken once.</summary>
    public async Task<IReadOnlyList<(Guid RunId, Guid TenantId, Guid InstallationId, ResyncTrigger Trigger)>> AbandonStaleAsync(TimeSpan timeout, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("""
            UPDATE runner.resync_runs
            SET status = 'Abandoned', finished_at = $1, reason = 'Abandoned: its Worker stopped (no heartbeat); a new run re-does the resync from the start.'
            WHERE status = 'Running' AND heartbeat_at < $2
            RETURNING id, tenant_id, installation_id, trigger
            """);
        var now = clock.GetUtcNow();
        command.Parameters.AddWithValue(now);
        command.Parameters.AddWithValue(now - timeout);
        var abandoned = new List<(Guid, Guid, Guid, ResyncTrigger)>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            abandoned.Add((reader.GetGuid(0), reader.GetGuid(1), reader.GetGuid(2), Enum.Parse<ResyncTrigger>(reader.GetString(3))));
        }
        return abandoned;
    }
}
