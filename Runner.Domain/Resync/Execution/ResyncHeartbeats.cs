using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using Runner.Domain.Resync.Runs;

namespace Runner.Domain.Resync.Execution;

/// <summary>
/// Heartbeats of running runs, and the sweep that abandons runs whose Worker stopped beating (a
/// killed process). Plain SQL by run id: it runs beside the engine, outside any tenant scope.
/// </summary>
public sealed partial class ResyncHeartbeats(NpgsqlDataSource dataSource, IOptions<ResyncOptions> options, TimeProvider clock, ILogger<ResyncHeartbeats> logger)
{
    /// <summary>
    /// Beats every <see cref="ResyncOptions.HeartbeatInterval"/> until disposed, and cancels <paramref name="cancel"/>
    /// when someone asked the run to stop: the beat runs beside the pipeline, so a cancel is noticed even while a
    /// page is still being mapped or fetched.
    /// </summary>
    public RunHeartbeat Start(Guid runId, CancellationTokenSource cancel) => new(() => Beat(runId, cancel), options.Value.HeartbeatInterval);

    // Its own connection (not the job's DbContext): a long page or write must not stop the heartbeat. A failed beat
    // (PostgreSQL restarting) is logged and the next one tries again, and nothing escapes: on the beat's own thread
    // an exception would end the Worker process.
    private void Beat(Guid runId, CancellationTokenSource cancel)
    {
        try
        {
            using var command = dataSource.CreateCommand("UPDATE runner.resync_runs SET heartbeat_at = $1 WHERE id = $2 AND status = 'Running' RETURNING cancel_requested");
            command.Parameters.AddWithValue(clock.GetUtcNow());
            command.Parameters.AddWithValue(runId);
            if (command.ExecuteScalar() is true)
            {
                cancel.Cancel();
            }
        }
        catch (Exception e)
        {
            LogBeatFailed(logger, e, runId);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Heartbeat of run {RunId} failed; the next beat tries again")]
    private static partial void LogBeatFailed(ILogger logger, Exception error, Guid runId);

    /// <summary>What the sweep did with one run whose Worker stopped beating.</summary>
    public sealed record StaleRun(Guid RunId, Guid TenantId, Guid InstallationId, ResyncTrigger Trigger, bool Quarantined);

    private const string AbandonedReason = "Abandoned: its Worker stopped (no heartbeat); a new run re-does the resync from the start.";

    private const string QuarantinedReason =
        "Quarantined: the Worker process running this resync died (no heartbeat, no finish) twice in a row, so it is not re-done. " +
        "A mapping that exhausts memory or crashes the process is the usual cause: fix the mapping, then start a resync by hand.";

    /// <summary>
    /// Running runs with a heartbeat older than the timeout: abandoned (to be re-done), or quarantined as failed when
    /// the run was itself the re-do of an abandoned run, so a run that kills its Worker cannot take down Worker after
    /// Worker; a quarantined run's installation needs attention, which stops its schedule. Several Workers may sweep
    /// at once; each run is taken once.
    /// </summary>
    public async Task<IReadOnlyList<StaleRun>> AbandonStaleAsync(TimeSpan timeout, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("""
            WITH stale AS (
                SELECT r.id, EXISTS (SELECT 1 FROM runner.resync_runs p WHERE p.id = r.retry_of AND p.status = 'Abandoned') AS quarantined
                FROM runner.resync_runs r
                WHERE r.status = 'Running' AND r.heartbeat_at < $2
                FOR UPDATE OF r SKIP LOCKED
            ), swept AS (
                UPDATE runner.resync_runs r
                SET status = CASE WHEN s.quarantined THEN 'Failed' ELSE 'Abandoned' END, finished_at = $1,
                    reason = CASE WHEN s.quarantined THEN $3 ELSE $4 END, error = CASE WHEN s.quarantined THEN $3 END
                FROM stale s
                WHERE r.id = s.id
                RETURNING r.id, r.tenant_id, r.installation_id, r.trigger, s.quarantined
            ), attention AS (
                UPDATE runner.installations i SET status = 'NeedsAttention', status_reason = $3
                FROM swept s
                WHERE i.id = s.installation_id AND s.quarantined
            )
            SELECT id, tenant_id, installation_id, trigger, quarantined FROM swept
            """);
        var now = clock.GetUtcNow();
        command.Parameters.AddWithValue(now);
        command.Parameters.AddWithValue(now - timeout);
        command.Parameters.AddWithValue(QuarantinedReason);
        command.Parameters.AddWithValue(AbandonedReason);
        var swept = new List<StaleRun>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            swept.Add(new(reader.GetGuid(0), reader.GetGuid(1), reader.GetGuid(2), Enum.Parse<ResyncTrigger>(reader.GetString(3)), reader.GetBoolean(4)));
        }
        return swept;
    }
}
