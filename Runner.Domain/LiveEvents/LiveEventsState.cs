namespace Runner.Domain.LiveEvents;

/// <summary>
/// An installation's live events as Runner last saw them: the subscriptions' state (written by the Worker's
/// subscription check) and the counters of finished events (written by the Worker; see <see cref="InboxBacklog"/>).
/// </summary>
public sealed class LiveEventsState
{
    public LiveEventsStatus Status { get; set; } = LiveEventsStatus.Pending;

    /// <summary>Why live events are not active, in words a tenant can act on (Azure DevOps' own message when it refused).</summary>
    public string? Reason { get; set; }

    public int Subscriptions { get; set; }
    public DateTimeOffset? CheckedAt { get; set; }
    public DateTimeOffset? LastEventAt { get; set; }
    public long Received { get; set; }
    public long Applied { get; set; }
    public long Rejected { get; set; }
}
