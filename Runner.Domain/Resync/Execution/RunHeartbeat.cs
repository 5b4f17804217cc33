namespace Runner.Domain.Resync.Execution;

/// <summary>
/// One run's heartbeat, beating on a thread of its own: a page being mapped keeps the thread pool's threads busy
/// on a loaded machine, and beats queued behind it for seconds (10 s seen with two cores) let the sweep abandon a
/// healthy run. The beat is synchronous for the same reason: an async query would resume on the pool.
/// </summary>
public sealed class RunHeartbeat : IAsyncDisposable
{
    private readonly ManualResetEventSlim _stop = new();
    private readonly TaskCompletionSource _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);

    internal RunHeartbeat(Action beat, TimeSpan interval)
    {
        var thread = new Thread(() => Beat(beat, interval)) { IsBackground = true, Name = "run heartbeat" };
        thread.Start();
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Set();
        await _stopped.Task;
        _stop.Dispose();
    }

    private void Beat(Action beat, TimeSpan interval)
    {
        try
        {
            while (!_stop.Wait(interval))
            {
                beat();
            }
        }
        finally
        {
            _stopped.SetResult();
        }
    }
}
