using Runner.Tools.AdoSandbox.Http;

namespace Runner.Tools.AdoSandbox.Data;

/// <summary>Classic release definitions and releases; ids are per project, as in ADO.</summary>
internal static class ReleaseData
{
    private static readonly string[] Stages = ["Dev", "QA", "Prod"];

    public static string DefinitionName(int d) => $"release-{d + 1:D3}";

    public static string DefinitionUrl(Org org, Urls urls, int p, int d) =>
        $"{urls.Base}/{org.Id(EntityKind.Project, p)}/_apis/Release/definitions/{d + 1}";

    public static object? Definition(Org org, Urls urls, int p, int d, bool withEnvironments)
    {
        if (!org.ReleaseDefinitionLive(p, d))
        {
            return null;
        }
        var index = org.ReleaseDefinitionIndex(p, d);
        var author = Identities.Ref(org, urls, Identities.AuthorOf(org, EntityKind.ReleaseDefinition, index));
        var created = org.Before(EntityKind.ReleaseDefinition, index, 365);
        var url = DefinitionUrl(org, urls, p, d);
        return new
        {
            source = "userInterface",
            revision = 1 + (int)(index % 5),
            description = (string?)null,
            createdBy = author,
            createdOn = created,
            modifiedBy = author,
            modifiedOn = created.AddDays(3),
            isDeleted = false,
            variableGroups = Array.Empty<int>(),
            releaseNameFormat = "Release-$(rev:r)",
            properties = new { },
            id = d + 1,
            name = DefinitionName(d),
            path = "\\",
            projectReference = (object?)null,
            url,
            _links = new
            {
                self = Urls.Href(url),
                web = Urls.Href($"{urls.Base}/{org.Id(EntityKind.Project, p)}/_release?definitionId={d + 1}"),
            },
            environments = withEnvironments
                ? Stages.Select((name, rank) => new { id = rank + 1, name, rank = rank + 1, owner = author }).ToArray()
                : null,
        };
    }

    /// <summary>Release <paramref name="local"/> of project p: definition local / perDefinition, id local + 1.</summary>
    public static object? Release(Org org, Urls urls, int p, long local)
    {
        var perDefinition = org.Options.ReleasesPerDefinition;
        var d = (int)(local / perDefinition);
        var index = Index(org, p, local);
        if (!org.ReleaseDefinitionLive(p, d) || !org.Live(EntityKind.Release, index))
        {
            return null;
        }
        var id = local + 1;
        var projectId = org.Id(EntityKind.Project, p);
        var author = Identities.Ref(org, urls, Identities.AuthorOf(org, EntityKind.Release, index));
        var created = CreatedOn(org, index);
        var definitionUrl = DefinitionUrl(org, urls, p, d);
        var url = $"{urls.Base}/{projectId}/_apis/Release/releases/{id}";
        return new
        {
            id,
            name = $"Release-{local % perDefinition + 1}",
            status = Status(org, index),
            createdOn = created,
            modifiedOn = org.Changed(EntityKind.Release, index, created.AddMinutes(1)),
            modifiedBy = author,
            createdBy = author,
            variables = new { },
            variableGroups = Array.Empty<int>(),
            releaseDefinition = new
            {
                id = d + 1,
                name = DefinitionName(d),
                url = definitionUrl,
                _links = new { self = Urls.Href(definitionUrl), web = Urls.Href($"{urls.Base}/{projectId}/_release?definitionId={d + 1}") },
            },
            releaseDefinitionRevision = 1,
            description = "",
            reason = index % 2 == 0 ? "continuousIntegration" : "manual",
            releaseNameFormat = "Release-$(rev:r)",
            keepForever = false,
            definitionSnapshotRevision = 1,
            logsContainerUrl = $"{url}/logs",
            url,
            _links = new { self = Urls.Href(url), web = Urls.Href($"{urls.Base}/{projectId}/_release?releaseId={id}&_a=release-summary") },
            tags = Array.Empty<string>(),
            projectReference = new { id = projectId, name = Org.ProjectName(p) },
            properties = new { },
        };
    }

    public static long Index(Org org, int p, long local)
    {
        var perDefinition = org.Options.ReleasesPerDefinition;
        return org.ReleaseDefinitionIndex(p, (int)(local / perDefinition)) * perDefinition + local % perDefinition;
    }

    public static string Status(Org org, long index) =>
        org.State.Change(EntityKind.Release, index)?.Value<string>("status") ?? (index % 7 == 6 ? "abandoned" : "active");

    public static string StageName(int s) => Stages[s];

    public static DateTime CreatedOn(Org org, long index) => org.Before(EntityKind.Release, index, 60);
}
