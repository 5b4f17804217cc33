using Runner.Domain.Installations;
using Runner.Domain.LiveEvents;

namespace Runner.Api.Installations;

/// <summary>An installation's live events: whether Azure DevOps delivers them, and what the intake did with them.</summary>
public sealed record LiveEventsResponse(
    LiveEventsStatus Status, string? Reason, int Subscriptions, DateTimeOffset? LastEventAt, long Received, long Applied, long Rejected)
{
    /// <param name="backlog">Stored deliveries the Worker has not finished: received, not yet counted on the installation.</param>
    public static LiveEventsResponse From(Installation installation, LiveEventsOptions options, InboxBacklog.Pending? backlog)
    {
        var live = installation.Live;
        var (status, reason) = (options.Enabled, installation.LiveEvents) switch
        {
            (false, _) => (LiveEventsStatus.Off, $"Runner has no public URL for Azure DevOps to call ({LiveEventsOptions.SectionName}:PublicUrl is not set); changes arrive with resyncs."),
            (_, false) => (LiveEventsStatus.Off, "The installation's liveEvents setting is off; changes arrive with resyncs."),
            _ => (live.Status, live.Reason),
        };
        var lastEventAt = backlog is { } pending && !(live.LastEventAt >= pending.LastReceivedAt) ? pending.LastReceivedAt : live.LastEventAt;
        return new(status, reason, live.Subscriptions, lastEventAt, live.Received + (backlog?.Count ?? 0), live.Applied, live.Rejected);
    }
}
