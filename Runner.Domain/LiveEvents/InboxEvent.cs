using Runner.Domain.Tenants;

namespace Runner.Domain.LiveEvents;

/// <summary>
/// A delivery the intake accepted, kept until the Worker has applied it: written before the 2xx, so a crash
/// loses nothing; unique per installation and delivery key, so Azure DevOps' retries are applied once.
/// </summary>
public sealed class InboxEvent : ITenantOwned
{
    /// <summary>Also the order in which an installation's events are applied.</summary>
    public long Id { get; init; }

    public Guid TenantId { get; set; }
    public Guid InstallationId { get; init; }

    /// <summary>The event's <c>id</c> (the same in every retry), else its <c>notificationId</c>.</summary>
    public required string DeliveryKey { get; init; }

    public required string EventType { get; init; }
    public required string BodyJson { get; init; }
    public DateTimeOffset ReceivedAt { get; init; }
    public DateTimeOffset? AppliedAt { get; set; }
    public int Attempts { get; set; }

    /// <summary>What applying it did, or why it could not (kept for the console and for tests).</summary>
    public string? Outcome { get; set; }
}
