namespace Runner.Tools.AdoSandbox.Faults;

/// <summary>One 429 the sandbox sent, and how long the client waited before its next request.</summary>
public sealed record ThrottleRecord(DateTimeOffset SentAt, string Path, TimeSpan RetryAfter)
{
    /// <summary>Time from this 429 to the next request that arrived from the same address; null until one arrives.</summary>
    public TimeSpan? GapToNextRequest { get; internal set; }
    public bool? Honoured => GapToNextRequest is { } gap ? gap >= RetryAfter : null;
    internal string? RemoteIp { get; init; }
}

/// <summary>Live fault configuration plus the record of throttles sent; safe to use from any thread.</summary>
public sealed class SandboxFaults(FaultSettings? initial = null)
{
    // Bounded for the benchmark, which may throttle millions of requests; tests look at the first few.
    private const int MaxThrottlesKept = 10_000;

    private readonly Lock _gate = new();
    private readonly List<ThrottleRecord> _throttles = [];
    private FaultSettings _settings = initial ?? new FaultSettings();
    private long _throttleCounter;
    private long _errorCounter;
    private long _dropCounter;
    private long _signInCounter;
    private long _limitSecond;
    private int _limitUsed;

    public FaultSettings Settings
    {
        get => Volatile.Read(ref _settings);
        set
        {
            ArgumentNullException.ThrowIfNull(value);
            lock (_gate)
            {
                Volatile.Write(ref _settings, value);
                Interlocked.Exchange(ref _throttleCounter, 0);
                Interlocked.Exchange(ref _errorCounter, 0);
                Interlocked.Exchange(ref _dropCounter, 0);
                Interlocked.Exchange(ref _signInCounter, 0);
            }
        }
    }

    public IReadOnlyList<ThrottleRecord> Throttles
    {
        get
        {
            lock (_gate)
            {
                return [.. _throttles];
            }
        }
    }

    internal static bool IsNth(ref long counter, int every) => every > 0 && Interlocked.Increment(ref counter) % every == 0;
    internal bool NextIsThrottled(FaultSettings settings) => IsNth(ref _throttleCounter, settings.ThrottleEveryNth);
    internal bool NextIsServerError(FaultSettings settings) => IsNth(ref _errorCounter, settings.ServerErrorEveryNth);
    internal bool NextIsDropped(FaultSettings settings) => IsNth(ref _dropCounter, settings.DropConnectionEveryNth);
    internal bool NextIsSignInPage(FaultSettings settings) => IsNth(ref _signInCounter, settings.SignInPageEveryNth);

    /// <summary>Counts one request against <see cref="FaultSettings.RequestsPerSecondLimit"/>; false when it is over.</summary>
    internal bool TakeFromSecond(FaultSettings settings, DateTimeOffset at)
    {
        if (settings.RequestsPerSecondLimit <= 0)
        {
            return true;
        }
        lock (_gate)
        {
            var second = at.ToUnixTimeSeconds();
            if (second != _limitSecond)
            {
                (_limitSecond, _limitUsed) = (second, 0);
            }
            return ++_limitUsed <= settings.RequestsPerSecondLimit;
        }
    }

    internal void RecordThrottle(ThrottleRecord record)
    {
        lock (_gate)
        {
            if (_throttles.Count >= MaxThrottlesKept)
            {
                _throttles.RemoveAt(0);
            }
            _throttles.Add(record);
        }
    }

    /// <summary>Closes the open throttle records of this address: their client has sent its next request.</summary>
    internal void RequestArrived(string? remoteIp, DateTimeOffset at)
    {
        lock (_gate)
        {
            for (var i = _throttles.Count - 1; i >= 0 && _throttles[i].GapToNextRequest is null; i--)
            {
                if (_throttles[i].RemoteIp == remoteIp && at >= _throttles[i].SentAt)
                {
                    _throttles[i].GapToNextRequest = at - _throttles[i].SentAt;
                }
            }
        }
    }
}
