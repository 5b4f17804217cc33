namespace Runner.Domain.Integrations.AzureDevOps.Fetching;

/// <summary>What a fetch session cost: every attempt sent, throttling met and honoured, objects produced.</summary>
public sealed class AzureDevOpsFetchCounters
{
    private long _requests;
    private long _throttled;
    private long _retries;
    private long _delayTicks;
    private long _objects;

    /// <summary>HTTP attempts sent, retries included.</summary>
    public long Requests => Interlocked.Read(ref _requests);

    /// <summary>429 responses received.</summary>
    public long Throttled => Interlocked.Read(ref _throttled);

    public long Retries => Interlocked.Read(ref _retries);

    /// <summary>Time spent waiting before retries and for the organization's rate-limit pauses.</summary>
    public TimeSpan DelayHonoured => TimeSpan.FromTicks(Interlocked.Read(ref _delayTicks));

    /// <summary>Raw objects handed to the caller.</summary>
    public long Objects => Interlocked.Read(ref _objects);

    public double RequestsPerThousandObjects => Objects == 0 ? 0 : Requests * 1000.0 / Objects;

    internal void AddRequest()
    {
        Interlocked.Increment(ref _requests);
        AzureDevOpsMetrics.Requests.Add(1);
    }

    internal void AddThrottled()
    {
        Interlocked.Increment(ref _throttled);
        AzureDevOpsMetrics.Throttled.Add(1);
    }

    internal void AddObjects(int count) => Interlocked.Add(ref _objects, count);
    internal void AddThrottleWait(TimeSpan wait) => Interlocked.Add(ref _delayTicks, wait.Ticks);

    internal void AddRetry(TimeSpan delay)
    {
        Interlocked.Increment(ref _retries);
        Interlocked.Add(ref _delayTicks, delay.Ticks);
    }
}
