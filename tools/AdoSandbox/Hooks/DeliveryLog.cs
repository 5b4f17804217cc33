using System.Collections.Concurrent;

namespace Runner.Tools.AdoSandbox.Hooks;

/// <summary>One delivery attempt: to which subscription and URL, and the status code received (null when none was,
/// with the reason in <see cref="Error"/>).</summary>
public sealed record DeliveryRecord(
    DateTimeOffset At, Guid SubscriptionId, Guid EventId, long NotificationId, string EventType, string Url, int Copy, int? Status, string? Error);

/// <summary>The last deliveries, bounded like the request log.</summary>
public sealed class DeliveryLog(int capacity)
{
    private readonly ConcurrentQueue<DeliveryRecord> _records = new();

    public void Add(DeliveryRecord record)
    {
        _records.Enqueue(record);
        while (_records.Count > capacity && _records.TryDequeue(out _))
        {
        }
    }

    public IReadOnlyList<DeliveryRecord> Snapshot() => [.. _records];

    public void Clear() => _records.Clear();
}
