namespace Runner.Domain.LiveEvents;

/// <summary>A source that can keep its system's event subscriptions pointed at Runner.</summary>
public interface ILiveSubscriptions
{
    /// <summary>Makes the subscriptions calling <paramref name="callback"/> exactly <paramref name="wanted"/>, enabled (empty removes them all).</summary>
    Task<SubscriptionsOutcome> SyncAsync(Uri callback, string userName, string password, IReadOnlyList<AzureDevOpsEvents.EventType> wanted, CancellationToken ct);
}

/// <param name="Refusal">The system's own words when it refused (e.g. no service hooks scope); null when it did not.</param>
public sealed record SubscriptionsOutcome(int Subscriptions, int Created, int Removed, string? Refusal);
