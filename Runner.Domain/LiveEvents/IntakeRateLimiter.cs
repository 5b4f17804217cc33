using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Runner.Domain.LiveEvents;

/// <summary>
/// A token bucket per installation (<see cref="LiveEventsOptions.DeliveriesPerSecond"/>, refilled continuously), so one
/// tenant's burst cannot take the intake from the others. Only authenticated deliveries reach it, so it holds one bucket
/// per real installation at most.
/// </summary>
public sealed class IntakeRateLimiter(IOptions<LiveEventsOptions> options, TimeProvider clock)
{
    private readonly ConcurrentDictionary<Guid, Bucket> _buckets = new();

    public bool TryAcquire(Guid installationId)
    {
        var rate = options.Value.DeliveriesPerSecond;
        var bucket = _buckets.GetOrAdd(installationId, _ => new Bucket { Tokens = rate, At = clock.GetTimestamp() });
        lock (bucket)
        {
            var now = clock.GetTimestamp();
            bucket.Tokens = Math.Min(rate, bucket.Tokens + clock.GetElapsedTime(bucket.At, now).TotalSeconds * rate);
            bucket.At = now;
            if (bucket.Tokens < 1)
            {
                return false;
            }
            bucket.Tokens--;
            return true;
        }
    }

    private sealed class Bucket
    {
        public double Tokens { get; set; }
        public long At { get; set; }
    }
}
