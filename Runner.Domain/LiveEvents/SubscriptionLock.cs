using Npgsql;

namespace Runner.Domain.LiveEvents;

/// <summary>
/// One change to an installation's service hook subscriptions at a time, across Workers (a session advisory lock,
/// released with its connection if the holder dies): the periodic check, and the removal after a delete. Without it,
/// a check that read the installation just before its deletion could create subscriptions after the removal had run,
/// leaving them calling an intake that answers 401 for good.
/// </summary>
public sealed class SubscriptionLock : IAsyncDisposable
{
    private readonly NpgsqlConnection _connection;
    private readonly Guid _installationId;

    private SubscriptionLock(NpgsqlConnection connection, Guid installationId) => (_connection, _installationId) = (connection, installationId);

    /// <summary>Null when another Worker holds it.</summary>
    public static Task<SubscriptionLock?> TryTakeAsync(NpgsqlDataSource dataSource, Guid installationId, CancellationToken ct) =>
        TakeAsync(dataSource, installationId, "SELECT pg_try_advisory_lock(hashtextextended('runner-hooks:' || $1::text, 0))", ct);

    /// <summary>Waits for the holder to finish.</summary>
    public static async Task<SubscriptionLock> WaitAsync(NpgsqlDataSource dataSource, Guid installationId, CancellationToken ct) =>
        (await TakeAsync(dataSource, installationId, "SELECT true FROM pg_advisory_lock(hashtextextended('runner-hooks:' || $1::text, 0))", ct))!;

    private static async Task<SubscriptionLock?> TakeAsync(NpgsqlDataSource dataSource, Guid installationId, string sql, CancellationToken ct)
    {
        var connection = await dataSource.OpenConnectionAsync(ct);
        try
        {
            await using var command = new NpgsqlCommand(sql, connection);
            command.Parameters.AddWithValue(installationId);
            if (await command.ExecuteScalarAsync(ct) is true)
            {
                return new SubscriptionLock(connection, installationId);
            }
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
        await connection.DisposeAsync();
        return null;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await using var unlock = new NpgsqlCommand("SELECT pg_advisory_unlock(hashtextextended('runner-hooks:' || $1::text, 0))", _connection);
            unlock.Parameters.AddWithValue(_installationId);
            await unlock.ExecuteScalarAsync(CancellationToken.None);
        }
        finally
        {
            await _connection.DisposeAsync();
        }
    }
}
