using System.Globalization;
using Runner.Domain.Integrations.AzureDevOps.Budget;

namespace Runner.Domain.Integrations.AzureDevOps.Http;

/// <summary>
/// Rate-limit state of one organization in this process, shared by every session and request that talks to it: the
/// earliest time the next request may go out, pushed back by Retry-After, X-RateLimit-Delay and a low
/// X-RateLimit-Remaining (until X-RateLimit-Reset); with a <paramref name="budget"/>, also the organization's budget
/// shared with the other Worker processes (each pause is told to them, and their pauses and request ceiling apply here).
/// </summary>
internal sealed class OrganizationThrottle(TimeProvider time, AzureDevOpsOptions options, OrganizationBudgetLease? budget = null)
{
    // The service never asks for more than this per request (DOCS rate-limits: delays of up to 30 s).
    private static readonly TimeSpan LongestDelay = TimeSpan.FromSeconds(30);

    // Azure DevOps meters a sliding five-minute window, so no honest answer asks for more; a server that does (the
    // organization URL is the tenant's to choose) must not stop its organization for years.
    private static readonly TimeSpan LongestPause = TimeSpan.FromMinutes(5);

    // We start waiting when the response arrives, the service starts counting when it sent it: add a little so the
    // next request never lands just inside the window.
    private static readonly TimeSpan RetryAfterMargin = TimeSpan.FromMilliseconds(100);
    // A bulk request waits at most this long for live-event re-fetches, so a stream of events cannot starve a resync.
    private static readonly TimeSpan LongestYield = TimeSpan.FromSeconds(1);

    private readonly Lock _priorityLock = new();
    private int _priorityInFlight;
    private TaskCompletionSource _noPriority = Completed();
    private long _resumeAtTicks;

    /// <summary>Marks a live event's request as going to the organization until the lease is disposed.</summary>
    public IDisposable EnterPriority()
    {
        lock (_priorityLock)
        {
            if (_priorityInFlight++ == 0)
            {
                _noPriority = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }
        return new PriorityLease(this);
    }

    /// <summary>A bulk request lets live events' requests go first (for at most <see cref="LongestYield"/>).</summary>
    public async Task YieldToPriorityAsync(CancellationToken ct)
    {
        Task idle;
        lock (_priorityLock)
        {
            idle = _noPriority.Task;
        }
        if (!idle.IsCompleted)
        {
            try
            {
                await idle.WaitAsync(LongestYield, time, ct);
            }
            catch (TimeoutException)
            {
                // Waited long enough: go anyway.
            }
        }
    }

    private void ExitPriority()
    {
        lock (_priorityLock)
        {
            if (--_priorityInFlight == 0)
            {
                _noPriority.TrySetResult();
            }
        }
    }

    private static TaskCompletionSource Completed()
    {
        var done = new TaskCompletionSource();
        done.SetResult();
        return done;
    }

    private sealed class PriorityLease(OrganizationThrottle throttle) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                throttle.ExitPriority();
            }
        }
    }

    /// <summary>Waits until the organization may take one more request: this process's pause, then the shared budget.</summary>
    /// <returns>How long it waited.</returns>
    public async Task<TimeSpan> WaitTurnAsync(CancellationToken ct)
    {
        var waited = TimeSpan.Zero;
        while (true)
        {
            var wait = TimeToResume();
            if (wait > TimeSpan.Zero)
            {
                waited += wait;
                await Task.Delay(wait, time, ct);
                continue;
            }
            var shared = budget is null ? TimeSpan.Zero : await budget.TakeAsync(ct);
            if (shared <= TimeSpan.Zero)
            {
                return waited;
            }
            PauseFor(shared);
        }
    }

    public TimeSpan TimeToResume()
    {
        var wait = Interlocked.Read(ref _resumeAtTicks) - time.GetUtcNow().UtcTicks;
        return wait > 0 ? TimeSpan.FromTicks(wait) : TimeSpan.Zero;
    }

    /// <summary>Pauses the organization as long as the response asks (here, and for the other Workers).</summary>
    public async Task ObserveAsync(HttpResponseMessage response, CancellationToken ct)
    {
        var pause = PauseAskedBy(response);
        if (pause <= TimeSpan.Zero)
        {
            return;
        }
        PauseFor(pause);
        if (budget is not null)
        {
            await budget.PauseAsync(pause, ct);
        }
    }

    private TimeSpan PauseAskedBy(HttpResponseMessage response)
    {
        var pause = TimeSpan.Zero;
        if (response.Headers.RetryAfter is { } retryAfter)
        {
            pause = Max(pause, (retryAfter.Delta ?? (retryAfter.Date - time.GetUtcNow()) ?? TimeSpan.Zero) + RetryAfterMargin);
        }
        if (Seconds(response, "X-RateLimit-Delay") is { } delay)
        {
            pause = Max(pause, TimeSpan.FromSeconds(Math.Min(delay, LongestDelay.TotalSeconds)));
        }
        if (Seconds(response, "X-RateLimit-Remaining") is { } remaining && Seconds(response, "X-RateLimit-Limit") is > 0 and var limit)
        {
            var threshold = limit * options.LowRemainingShare;
            if (remaining < threshold)
            {
                // Nothing left: the budget is back at X-RateLimit-Reset (no later than the longest back-off). Little left:
                // space requests out, never past the reset.
                var untilReset = Seconds(response, "X-RateLimit-Reset") is { } reset
                    ? TimeSpan.FromSeconds(Math.Clamp(reset - time.GetUtcNow().ToUnixTimeSeconds(), 0, LongestPause.TotalSeconds))
                    : (TimeSpan?)null;
                var low = remaining <= 0 && untilReset is { } full
                    ? Min(full, options.MaxRetryDelay)
                    : Min(options.LowRemainingPause * (1 - remaining / threshold), untilReset ?? TimeSpan.MaxValue);
                pause = Max(pause, low);
            }
        }
        return Min(pause, LongestPause);
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private void PauseFor(TimeSpan delay)
    {
        if (delay <= TimeSpan.Zero)
        {
            return;
        }
        var until = time.GetUtcNow().UtcTicks + delay.Ticks;
        var current = Interlocked.Read(ref _resumeAtTicks);
        while (until > current)
        {
            var seen = Interlocked.CompareExchange(ref _resumeAtTicks, until, current);
            if (seen == current)
            {
                return;
            }
            current = seen;
        }
    }

    private static double? Seconds(HttpResponseMessage response, string header) =>
        response.Headers.TryGetValues(header, out var values)
        && double.TryParse(values.FirstOrDefault(), NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
        && double.IsFinite(value)
            ? value
            : null;
}
