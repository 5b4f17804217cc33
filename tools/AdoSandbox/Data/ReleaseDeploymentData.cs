using Runner.Tools.AdoSandbox.Http;

namespace Runner.Tools.AdoSandbox.Data;

/// <summary>Deployments of classic releases: release i of a project deploys to its first DeploymentsPerRelease stages.</summary>
internal static class ReleaseDeploymentData
{
    public static long Index(Org org, int p, long local, int s) => ReleaseData.Index(org, p, local) * org.Options.DeploymentsPerRelease + s;

    public static DateTime Modified(Org org, long releaseIndex, long index, int s) =>
        org.Changed(EntityKind.ReleaseDeployment, index, ReleaseData.CreatedOn(org, releaseIndex).AddMinutes(30 * (s + 1)));

    public static string Status(Org org, long index) =>
        org.State.Change(EntityKind.ReleaseDeployment, index)?.Value<string>("deploymentStatus") ?? (index % 6 == 5 ? "failed" : "succeeded");

    /// <summary>Null when the deployment, its release or its definition is gone.</summary>
    public static object? Deployment(Org org, Urls urls, int p, long local, int s)
    {
        var perDefinition = org.Options.ReleasesPerDefinition;
        var d = (int)(local / perDefinition);
        var releaseIndex = ReleaseData.Index(org, p, local);
        var index = Index(org, p, local, s);
        if (!org.ReleaseDefinitionLive(p, d) || !org.Live(EntityKind.Release, releaseIndex) || !org.Live(EntityKind.ReleaseDeployment, index))
        {
            return null;
        }

        var projectId = org.Id(EntityKind.Project, p);
        var requester = Identities.Ref(org, urls, Identities.AuthorOf(org, EntityKind.ReleaseDeployment, index));
        var modified = Modified(org, releaseIndex, index, s);
        var status = Status(org, index);
        var releaseUrl = $"{urls.Base}/{projectId}/_apis/Release/releases/{local + 1}";
        var definitionUrl = ReleaseData.DefinitionUrl(org, urls, p, d);
        return new
        {
            id = index + 1,
            release = new
            {
                id = local + 1,
                name = $"Release-{local % perDefinition + 1}",
                url = releaseUrl,
                _links = new { self = Urls.Href(releaseUrl), web = Urls.Href($"{urls.Base}/{projectId}/_release?releaseId={local + 1}&_a=release-summary") },
            },
            releaseDefinition = new { id = d + 1, name = ReleaseData.DefinitionName(d), url = definitionUrl, _links = new { self = Urls.Href(definitionUrl) } },
            releaseEnvironment = new { id = releaseIndex * 3 + s + 1, name = ReleaseData.StageName(s), url = $"{releaseUrl}/environments/{releaseIndex * 3 + s + 1}" },
            projectReference = new { id = projectId, name = Org.ProjectName(p) },
            definitionEnvironmentId = s + 1,
            attempt = 1,
            reason = s == 0 ? "automated" : "manual",
            deploymentStatus = status,
            operationStatus = status == "succeeded" ? "Approved" : "PhaseFailed",
            requestedBy = requester,
            requestedFor = requester,
            queuedOn = modified.AddMinutes(-12),
            startedOn = modified.AddMinutes(-10),
            completedOn = modified,
            lastModifiedOn = modified,
            lastModifiedBy = requester,
            conditions = Array.Empty<object>(),
            preDeployApprovals = Array.Empty<object>(),
            postDeployApprovals = Array.Empty<object>(),
            _links = new { },
        };
    }
}
