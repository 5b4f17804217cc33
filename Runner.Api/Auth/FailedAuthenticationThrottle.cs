using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace Runner.Api.Auth;

/// <summary>
/// A token bucket of failed authentications per client address (an IPv6 client by its /64, which one host
/// usually owns whole). An empty bucket refuses every key that client presents, before any hashing or
/// database lookup, so a flood of guesses costs almost nothing.
/// </summary>
/// <remarks>
/// Hand-written rather than <c>PartitionedRateLimiter</c>: its partitions replenish on its own 100 ms timer,
/// not on the configured period. Buckets are computed when touched; full ones are dropped (at most every 10 s) once there are many.
/// </remarks>
internal sealed class FailedAuthenticationThrottle(IOptions<FailedAuthenticationOptions> options, TimeProvider clock)
{
    private const int SweepAbove = 100_000;
    private static readonly TimeSpan SweepEvery = TimeSpan.FromSeconds(10);

    private readonly ConcurrentDictionary<string, Bucket> _buckets = new(StringComparer.Ordinal);
    private long _lastSweep = clock.GetTimestamp();

    /// <summary>Null while the client may try a key; otherwise how long until it may try again.</summary>
    public TimeSpan? RefusedFor(HttpContext context)
    {
        if (!_buckets.TryGetValue(ClientOf(context), out var bucket))
        {
            return null;
        }
        lock (bucket)
        {
            var tokens = Refill(bucket);
            return tokens >= 1 ? null : options.Value.ReplenishPeriod * (1 - tokens);
        }
    }

    public void RecordFailure(HttpContext context)
    {
        var lastSweep = Interlocked.Read(ref _lastSweep);
        if (_buckets.Count > SweepAbove && clock.GetElapsedTime(lastSweep) > SweepEvery
            && Interlocked.CompareExchange(ref _lastSweep, clock.GetTimestamp(), lastSweep) == lastSweep)
        {
            Sweep();
        }
        var bucket = _buckets.GetOrAdd(ClientOf(context), _ => new Bucket { Tokens = options.Value.Burst, At = clock.GetTimestamp() });
        lock (bucket)
        {
            bucket.Tokens = Math.Max(0, Refill(bucket) - 1);
        }
    }

    internal static string ClientOf(HttpContext context)
    {
        var address = context.Connection.RemoteIpAddress ?? IPAddress.None;
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }
        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            var bytes = address.GetAddressBytes();
            Array.Clear(bytes, 8, 8);
            address = new IPAddress(bytes);
        }
        return address.ToString();
    }

    private double Refill(Bucket bucket)
    {
        var now = clock.GetTimestamp();
        bucket.Tokens = Math.Min(options.Value.Burst, bucket.Tokens + (clock.GetElapsedTime(bucket.At, now) / options.Value.ReplenishPeriod));
        bucket.At = now;
        return bucket.Tokens;
    }

    private void Sweep()
    {
        foreach (var (client, bucket) in _buckets)
        {
            lock (bucket)
            {
                if (Refill(bucket) >= options.Value.Burst)
                {
                    _buckets.TryRemove(client, out _);
                }
            }
        }
    }

    private sealed class Bucket
    {
        public double Tokens { get; set; }

        public long At { get; set; }
    }
}
