using Microsoft.Extensions.Options;
using Npgsql;
using Runner.Domain.LiveEvents;

namespace Runner.Worker.LiveEvents;

/// <summary>
/// Keeps service hook subscriptions matching each installation: at once for new or changed installations (status
/// pending), and every <see cref="LiveEventsOptions.CheckInterval"/> for all (subscriptions deleted, disabled or put on
/// probation in Azure DevOps are found and made again). Off when Runner has no public URL.
/// </summary>
internal sealed partial class LiveSubscriptionChecker(
    NpgsqlDataSource dataSource, IServiceScopeFactory scopes, IOptions<LiveEventsOptions> options, ILogger<LiveSubscriptionChecker> logger) : BackgroundService
{
    private static readonly TimeSpan LongestPause = TimeSpan.FromSeconds(2);

    protected override async Task ExecuteAsync(CancellationToken ct)
    {
        if (!options.Value.Enabled)
        {
            return;
        }
        var pause = options.Value.CheckInterval < LongestPause ? options.Value.CheckInterval : LongestPause;
        while (!ct.IsCancellationRequested)
        {
            try
            {
                foreach (var installationId in await DueAsync(ct))
                {
                    await CheckAsync(installationId, ct);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                LogCheckFailed(logger, e);
            }
            await Task.Delay(pause, ct);
        }
    }

    private async Task<List<Guid>> DueAsync(CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var command = new NpgsqlCommand("""
            SELECT id FROM runner.installations
            WHERE live_status = 'Pending' OR live_checked_at IS NULL OR live_checked_at < now() - $1
            ORDER BY live_checked_at NULLS FIRST LIMIT 20
            """, connection);
        command.Parameters.AddWithValue(options.Value.CheckInterval);
        var due = new List<Guid>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            due.Add(reader.GetGuid(0));
        }
        return due;
    }

    private async Task CheckAsync(Guid installationId, CancellationToken ct)
    {
        // Several Workers: one checks an installation at a time, so two never create the same subscription.
        await using var held = await SubscriptionLock.TryTakeAsync(dataSource, installationId, ct);
        if (held is null)
        {
            return;
        }
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<LiveSubscriptionSync>().SyncAsync(installationId, ct);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Checking service hook subscriptions failed; trying again shortly")]
    private static partial void LogCheckFailed(ILogger logger, Exception exception);
}
