using System.Collections.Concurrent;
using System.Net;

namespace Runner.Tools.AdoSandbox.Diagnostics;

public sealed record RequestLogEntry(
    DateTimeOffset At, IPAddress? RemoteIp, string Method, string Path, string Query, int Status, TimeSpan Elapsed, string Host);

/// <summary>
/// The last <c>capacity</c> API requests with their source address, so tests can prove which egress IP a client
/// bound. Bounded because the benchmark sends millions of requests and measures memory.
/// </summary>
public sealed class RequestLog(int capacity)
{
    private readonly ConcurrentQueue<RequestLogEntry> _entries = new();
    private long _total;

    /// <summary>All requests seen since start (or <see cref="Clear"/>), including those evicted from the log.</summary>
    public long TotalCount => Interlocked.Read(ref _total);

    public void Add(RequestLogEntry entry)
    {
        Interlocked.Increment(ref _total);
        _entries.Enqueue(entry);
        while (_entries.Count > capacity && _entries.TryDequeue(out _))
        {
        }
    }

    public IReadOnlyList<RequestLogEntry> Snapshot() => [.. _entries];

    public void Clear()
    {
        _entries.Clear();
        Interlocked.Exchange(ref _total, 0);
    }
}
