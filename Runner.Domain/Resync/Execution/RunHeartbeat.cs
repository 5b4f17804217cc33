namespace Runner.Domain.Resync.Execution;

/// <summary>A running run's heartbeat, from <see cref="ResyncHeartbeats.Start"/> until disposed.</summary>
public sealed class RunHeartbeat : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _beating;

    internal RunHeartbeat(Func<CancellationToken, Task> beat, TimeSpan interval, TimeProvider clock) =>
        _beating = BeatAsync(beat, interval, clock, _stop.Token);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _beating;
        _stop.Dispose();
    }

    private static async Task BeatAsync(Func<CancellationToken, Task> beat, TimeSpan interval, TimeProvider clock, CancellationToken ct)
    {
        using var timer = new PeriodicTimer(interval, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(ct))
            {
                await beat(ct);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
