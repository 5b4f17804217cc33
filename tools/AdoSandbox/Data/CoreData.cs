using Runner.Tools.AdoSandbox.Http;

namespace Runner.Tools.AdoSandbox.Data;

/// <summary>Projects, their properties (tags), teams and team members.</summary>
internal static class CoreData
{
    public const string TagPrefix = "Microsoft.TeamFoundation.Project.Tag.";
    private static readonly string[] Tags = ["internal", "legacy", "customer-facing", "archived"];

    public static object? Project(Org org, Urls urls, int p, bool detailed)
    {
        if (!org.ProjectLive(p))
        {
            return null;
        }
        var id = org.Id(EntityKind.Project, p);
        var teamId = org.Id(EntityKind.Team, org.TeamIndex(p, 0));
        return new
        {
            id,
            name = Org.ProjectName(p),
            description = $"Generated project {p + 1}",
            url = urls.Project(id),
            state = "wellFormed",
            revision = 100 + p,
            visibility = "private",
            lastUpdateTime = org.Before(EntityKind.Project, p, 30),
            capabilities = detailed
                ? new
                {
                    versioncontrol = new { sourceControlType = "Git", gitEnabled = "true", tfvcEnabled = "false" },
                    processTemplate = new { templateName = "Agile", templateTypeId = "adcc42ab-9882-485e-a3ed-7678f01f66bc" },
                }
                : null,
            _links = detailed
                ? new { self = Urls.Href(urls.Project(id)), web = Urls.Href($"{urls.Base}/{Org.ProjectName(p)}") }
                : null,
            defaultTeam = detailed && org.Options.TeamsPerProject > 0
                ? new { id = teamId, name = Org.TeamName(p, 0), url = $"{urls.Project(id)}/teams/{teamId}" }
                : null,
        };
    }

    /// <summary>Project p carries tag i when bit i of a hash is set, so tag filters select a stable subset.</summary>
    public static IEnumerable<string> TagsOf(Org org, int p)
    {
        var bits = Deterministic.Hash(org.Seed, EntityKind.Project, p);
        return Tags.Where((_, i) => (bits >> i & 1) == 1);
    }

    public static IEnumerable<(string Name, string Value)> Properties(Org org, int p) =>
        new (string, string)[]
        {
            ("System.CurrentProcessTemplateId", "adcc42ab-9882-485e-a3ed-7678f01f66bc"),
            ("System.Process Template", "Agile"),
            ("System.SourceControlGitEnabled", "True"),
        }.Concat(TagsOf(org, p).Select(tag => (TagPrefix + tag, "True")));

    public static object? Team(Org org, Urls urls, int p, int t)
    {
        if (!org.TeamLive(p, t))
        {
            return null;
        }
        var id = org.Id(EntityKind.Team, org.TeamIndex(p, t));
        var projectId = org.Id(EntityKind.Project, p);
        return new
        {
            id,
            name = Org.TeamName(p, t),
            url = $"{urls.Project(projectId)}/teams/{id}",
            description = t == 0 ? "The default project team." : $"Generated team {t + 1}",
            identityUrl = urls.Identity(id),
            projectName = Org.ProjectName(p),
            projectId,
        };
    }

    public static IEnumerable<object> Teams(Org org, Urls urls, int p)
    {
        for (var t = 0; t < org.Options.TeamsPerProject; t++)
        {
            if (Team(org, urls, p, t) is { } team)
            {
                yield return team;
            }
        }
    }

    public static IEnumerable<object> Members(Org org, Urls urls, int p, int t)
    {
        var team = org.TeamIndex(p, t);
        for (var m = 0; m < org.Options.MembersPerTeam; m++)
        {
            var u = org.MemberUser(team, m);
            if (!org.UserLive(u))
            {
                continue;
            }
            var id = Identities.Id(org, u);
            yield return new
            {
                isTeamAdmin = m == 0,
                identity = new
                {
                    id,
                    displayName = Identities.DisplayName(u),
                    uniqueName = Identities.Mail(u),
                    url = urls.Identity(id),
                    imageUrl = $"{urls.Base}/_api/_common/identityImage?id={id}",
                    descriptor = Identities.Descriptor(org, u),
                },
            };
        }
    }
}
