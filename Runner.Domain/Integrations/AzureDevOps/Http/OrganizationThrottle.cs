using System.Globalization;

namespace Runner.Domain.Integrations.AzureDevOps.Http;

/// <summary>
/// Rate-limit state of one organization, shared by every session and request that talks to it: the earliest
/// time the next request may go out, pushed back by Retry-After, X-RateLimit-Delay and a low X-RateLimit-Remaining.
/// </summary>
internal sealed class OrganizationThrottle(TimeProvider time, AzureDevOpsOptions options)
{
    // The service never asks for more than this per request (DOCS rate-limits: delays of up to 30 s).
    private static readonly TimeSpan LongestDelay = TimeSpan.FromSeconds(30);

    // We start waiting when the response arrives, the service starts counting when it sent it: add a little so the
    // next request never lands just inside the window.
    private static readonly TimeSpan RetryAfterMargin = TimeSpan.FromMilliseconds(100);
    private long _resumeAtTicks;

    public TimeSpan TimeToResume()
    {
        var wait = Interlocked.Read(ref _resumeAtTicks) - time.GetUtcNow().UtcTicks;
        return wait > 0 ? TimeSpan.FromTicks(wait) : TimeSpan.Zero;
    }

    public void Observe(HttpResponseMessage response)
    {
        if (response.Headers.RetryAfter is { } retryAfter)
        {
            PauseFor((retryAfter.Delta ?? (retryAfter.Date - time.GetUtcNow()) ?? TimeSpan.Zero) + RetryAfterMargin);
        }
        if (Seconds(response, "X-RateLimit-Delay") is { } delay)
        {
            PauseFor(TimeSpan.FromSeconds(Math.Min(delay, LongestDelay.TotalSeconds)));
        }
        if (Seconds(response, "X-RateLimit-Remaining") is { } remaining && Seconds(response, "X-RateLimit-Limit") is > 0 and var limit)
        {
            var threshold = limit * options.LowRemainingShare;
            if (remaining < threshold)
            {
                PauseFor(options.LowRemainingPause * (1 - remaining / threshold));
            }
        }
    }

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
            ? value
            : null;
}
