using Npgsql;
using Runner.Domain.LiveEvents;

namespace Runner.Worker.LiveEvents;

/// <summary>
/// Applies the inbox as soon as the intake commits (PostgreSQL LISTEN/NOTIFY, with a poll as a safety net). One Worker
/// at a time per installation (a session advisory lock), so each installation's events apply in order; a Worker that
/// dies mid-way releases the lock with its connection and leaves the event pending for the next one.
/// </summary>
internal sealed partial class LiveEventProcessor(NpgsqlDataSource dataSource, IServiceScopeFactory scopes, ILogger<LiveEventProcessor> logger) : BackgroundService
{
    private const int BatchSize = 50;
    private const int ParallelInstallations = 4;
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(2);

    // Applied events are kept a week (Azure DevOps retries a delivery for hours, and the row is what makes a retry a
    // duplicate), then pruned at most every ten minutes.
    private static readonly TimeSpan KeepApplied = TimeSpan.FromDays(7);
    private static readonly TimeSpan PruneEvery = TimeSpan.FromMinutes(10);
    private DateTimeOffset _prunedAt = DateTimeOffset.MinValue;

    protected override async Task ExecuteAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await using var listener = await dataSource.OpenConnectionAsync(ct);
                await using (var listen = new NpgsqlCommand($"LISTEN {EventIntake.Channel}", listener))
                {
                    await listen.ExecuteNonQueryAsync(ct);
                }
                while (!ct.IsCancellationRequested)
                {
                    await DrainAsync(ct);
                    await PruneAsync(ct);
                    // Notifications that arrived while draining are queued on the connection: this returns at once.
                    await listener.WaitAsync(Poll, ct);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                LogLoopFailed(logger, e);
                await Task.Delay(Poll, ct);
            }
        }
    }

    private async Task DrainAsync(CancellationToken ct)
    {
        var installations = new List<Guid>();
        await using (var connection = await dataSource.OpenConnectionAsync(ct))
        await using (var pending = new NpgsqlCommand(
            "SELECT installation_id FROM runner.live_events WHERE applied_at IS NULL GROUP BY installation_id ORDER BY min(id) LIMIT 100", connection))
        await using (var reader = await pending.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                installations.Add(reader.GetGuid(0));
            }
        }
        await Parallel.ForEachAsync(installations, new ParallelOptions { MaxDegreeOfParallelism = ParallelInstallations, CancellationToken = ct },
            async (installationId, ct) => await ApplyAsync(installationId, ct));
    }

    private async Task PruneAsync(CancellationToken ct)
    {
        if (DateTimeOffset.UtcNow - _prunedAt < PruneEvery)
        {
            return;
        }
        _prunedAt = DateTimeOffset.UtcNow;
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var prune = new NpgsqlCommand("DELETE FROM runner.live_events WHERE applied_at < now() - $1", connection);
        prune.Parameters.AddWithValue(KeepApplied);
        await prune.ExecuteNonQueryAsync(ct);
    }

    private async Task ApplyAsync(Guid installationId, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        if (!await LockAsync(connection, "pg_try_advisory_lock", installationId, ct))
        {
            return;
        }
        try
        {
            while (true)
            {
                await using var scope = scopes.CreateAsyncScope();
                var outcome = await scope.ServiceProvider.GetRequiredService<LiveEventApplier>().ApplyPendingAsync(installationId, BatchSize, ct);
                if (outcome.Stalled || outcome.Applied < BatchSize)
                {
                    return;
                }
            }
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            LogApplyFailed(logger, e, installationId);
        }
        finally
        {
            await LockAsync(connection, "pg_advisory_unlock", installationId, CancellationToken.None);
        }
    }

    private static async Task<bool> LockAsync(NpgsqlConnection connection, string function, Guid installationId, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand($"SELECT {function}(hashtextextended('runner-live:' || $1::text, 0))", connection);
        command.Parameters.AddWithValue(installationId);
        return (bool)(await command.ExecuteScalarAsync(ct))!;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The live event loop failed; starting again")]
    private static partial void LogLoopFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Applying live events of installation {InstallationId} failed; they stay in the inbox")]
    private static partial void LogApplyFailed(ILogger logger, Exception exception, Guid installationId);
}
