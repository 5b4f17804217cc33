using Hangfire;
using Hangfire.States;
using Npgsql;

namespace Runner.Domain.Resync.Runs;

/// <summary>
/// Finds queued runs with no live Hangfire job behind them: the enqueue failed after the run was committed,
/// or Hangfire lost the job. Without this sweep such a run would stay queued for ever, and the one-active-run
/// index would block every later run of its installation. Plain SQL across tenants, like the heartbeat sweep.
/// </summary>
public sealed class QueuedRunSweep(NpgsqlDataSource dataSource, JobStorage storage, TimeProvider clock)
{
    private const int MaxPerSweep = 500;

    private static readonly HashSet<string> LiveStates =
        [EnqueuedState.StateName, ScheduledState.StateName, ProcessingState.StateName, AwaitingState.StateName];

    /// <param name="grace">Younger runs are left alone: their job may be being enqueued right now.</param>
    public async Task<IReadOnlyList<(Guid RunId, Guid TenantId)>> FindWithoutJobAsync(TimeSpan grace, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT id, tenant_id, job_id FROM runner.resync_runs
            WHERE status = 'Queued' AND queued_at < $1
            ORDER BY queued_at LIMIT $2
            """);
        command.Parameters.AddWithValue(clock.GetUtcNow() - grace);
        command.Parameters.AddWithValue(MaxPerSweep);
        var queued = new List<(Guid RunId, Guid TenantId, string? JobId)>();
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                queued.Add((reader.GetGuid(0), reader.GetGuid(1), reader.IsDBNull(2) ? null : reader.GetString(2)));
            }
        }
        if (queued.Count == 0)
        {
            return [];
        }
        using var connection = storage.GetConnection();
        return queued
            .Where(run => run.JobId is null || connection.GetJobData(run.JobId) is not { State: { } state } || !LiveStates.Contains(state))
            .Select(run => (run.RunId, run.TenantId))
            .ToList();
    }
}
