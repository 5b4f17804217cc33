namespace Runner.Domain.LiveEvents;

/// <summary>
/// Which Azure DevOps service hook events feed which kinds (the reference's event → kind table, for the kinds Runner
/// can re-fetch by id). Kinds without an event here stay resync-only.
/// </summary>
public static class AzureDevOpsEvents
{
    public sealed record EventType(string Publisher, string Name, string Kind, string ResourceVersion);

    public static IReadOnlyList<EventType> All { get; } =
    [
        new("tfs", "workitem.created", "work-item", "1.0"),
        new("tfs", "workitem.updated", "work-item", "1.0"),
        new("tfs", "workitem.commented", "work-item", "1.0"),
        new("tfs", "workitem.restored", "work-item", "1.0"),
        new("tfs", "workitem.deleted", "work-item", "1.0"),
        new("tfs", "git.pullrequest.created", "pull-request", "1.0"),
        new("tfs", "git.pullrequest.updated", "pull-request", "1.0"),
        new("tfs", "git.pullrequest.merged", "pull-request", "1.0"),
        new("tfs", "git.repo.created", "repository", "1.0"),
        new("tfs", "git.push", "branch", "1.0"),
        new("tfs", "build.complete", "build", "2.0"),
        new("pipelines", "ms.vss-pipelines.run-state-changed-event", "pipeline-run", "5.1-preview.1"),
        new("rm", "ms.vss-release.release-created-event", "release", "3.0-preview.1"),
        new("rm", "ms.vss-release.release-abandoned-event", "release", "3.0-preview.1"),
        new("rm", "ms.vss-release.deployment-started-event", "release", "3.0-preview.1"),
        new("rm", "ms.vss-release.deployment-completed-event", "release", "3.0-preview.1"),
    ];

    /// <summary>The kinds events keep current, in the integration catalog's order.</summary>
    public static IReadOnlySet<string> LiveKinds { get; } = All.Select(e => e.Kind).ToHashSet(StringComparer.Ordinal);

    public static EventType? Find(string? name) => All.FirstOrDefault(e => e.Name == name);

    /// <summary>The event types a mapping needs: those feeding a kind one of its resources names.</summary>
    public static IReadOnlyList<EventType> For(IEnumerable<string> kinds)
    {
        var wanted = kinds.ToHashSet(StringComparer.Ordinal);
        return All.Where(e => wanted.Contains(e.Kind)).ToList();
    }
}
