using System.Collections.Concurrent;

namespace Runner.Tools.AdoSandbox.Hooks;

/// <summary>The organization's subscriptions, in creation order; safe to use from any thread.</summary>
internal sealed class SubscriptionStore
{
    private readonly ConcurrentDictionary<Guid, Subscription> _subscriptions = new();
    private long _order;
    private readonly ConcurrentDictionary<Guid, long> _created = new();
    private readonly ConcurrentDictionary<Guid, long> _notifications = new();

    public IReadOnlyList<Subscription> All() =>
        [.. _subscriptions.Values.OrderBy(subscription => _created.GetValueOrDefault(subscription.Id))];

    public Subscription? Get(Guid id) => _subscriptions.GetValueOrDefault(id);

    public void Put(Subscription subscription)
    {
        _created.TryAdd(subscription.Id, Interlocked.Increment(ref _order));
        _subscriptions[subscription.Id] = subscription;
    }

    public bool Remove(Guid id)
    {
        _created.TryRemove(id, out _);
        return _subscriptions.TryRemove(id, out _);
    }

    /// <summary>Delivery numbers count per subscription, as <c>notificationId</c> does in real deliveries.</summary>
    public long NextNotification(Guid subscriptionId) => _notifications.AddOrUpdate(subscriptionId, 1, (_, n) => n + 1);
}
