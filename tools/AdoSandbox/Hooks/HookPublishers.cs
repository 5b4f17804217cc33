using Runner.Tools.AdoSandbox.Http;

namespace Runner.Tools.AdoSandbox.Hooks;

/// <summary>Publishers and the event types each offers (the reference's 23 plus the tfs publisher's others), and
/// the host their subscriptions live on: release (rm) on vsrm, Advanced Security on advsec, the rest on core.</summary>
internal static class HookPublishers
{
    private static readonly Dictionary<string, string[]> EventTypes = new(StringComparer.Ordinal)
    {
        ["tfs"] =
        [
            "build.complete", "git.push", "git.pullrequest.created", "git.pullrequest.updated", "git.pullrequest.merged",
            "git.repo.created", "tfvc.checkin", "workitem.created", "workitem.updated", "workitem.commented", "workitem.deleted",
            "workitem.restored",
        ],
        ["rm"] =
        [
            "ms.vss-release.release-created-event", "ms.vss-release.release-abandoned-event",
            "ms.vss-release.deployment-started-event", "ms.vss-release.deployment-completed-event",
        ],
        ["pipelines"] =
        [
            "ms.vss-pipelines.run-state-changed-event", "ms.vss-pipelines.stage-state-changed-event", "ms.vss-pipelines.job-state-changed-event",
            "ms.vss-pipelinechecks-events.approval-pending", "ms.vss-pipelinechecks-events.approval-completed",
            "ms.vss-pipelinechecks-events.check-updated-event",
        ],
        ["advsec"] = ["ms.vss-alerts.alert-created-event", "ms.vss-alerts.alert-state-changed-event", "ms.vss-alerts.alert-updated-event"],
    };

    public static bool Offers(string publisherId, string eventType) =>
        EventTypes.TryGetValue(publisherId, out var types) && types.Contains(eventType, StringComparer.Ordinal);

    public static bool Exists(string publisherId) => EventTypes.ContainsKey(publisherId);

    public static string PublisherOf(string eventType) =>
        EventTypes.First(pair => pair.Value.Contains(eventType, StringComparer.Ordinal)).Key;

    public static ApiArea AreaOf(string publisherId) => publisherId switch
    {
        "rm" => ApiArea.Release,
        "advsec" => ApiArea.AdvancedSecurity,
        _ => ApiArea.Core,
    };
}
