using Runner.Tools.AdoSandbox.Http;

namespace Runner.Tools.AdoSandbox.Data;

/// <summary>A project wiki in every project and a code wiki (published from the first repository's /docs) in Project-0001,
/// Project-0003…; WikiPagesPerWiki pages each: /Home and its sub-pages.</summary>
internal static class WikiData
{
    public const int WikisPerProject = 2;

    public static long Index(int p, int w) => (long)p * WikisPerProject + w;

    public static bool Live(Org org, int p, int w) =>
        org.ProjectLive(p) && w >= 0 && w < WikisPerProject && (w == 0 || (p % 2 == 0 && org.RepoLive(p, 0)))
        && org.Live(EntityKind.Wiki, Index(p, w));

    public static string Name(int p, int w) => w == 0 ? $"{Org.ProjectName(p)}.wiki" : $"{Org.RepoName(0)}-docs";

    public static bool TryFind(Org org, int p, string idOrName, out int w)
    {
        for (w = 0; w < WikisPerProject; w++)
        {
            if (Live(org, p, w) && (string.Equals(idOrName, Name(p, w), StringComparison.OrdinalIgnoreCase)
                || string.Equals(idOrName, org.Id(EntityKind.Wiki, Index(p, w)).ToString(), StringComparison.OrdinalIgnoreCase)))
            {
                return true;
            }
        }
        return false;
    }

    public static object? Wiki(Org org, Urls urls, int p, int w)
    {
        if (!Live(org, p, w))
        {
            return null;
        }

        var id = org.Id(EntityKind.Wiki, Index(p, w));
        var projectId = org.Id(EntityKind.Project, p);
        return new
        {
            id,
            versions = new[] { new { version = w == 0 ? "wikiMaster" : "main" } },
            url = $"{urls.Base}/{projectId}/_apis/wiki/wikis/{id}",
            remoteUrl = $"{urls.Base}/{projectId}/_wiki/wikis/{id}",
            type = w == 0 ? "projectWiki" : "codeWiki",
            name = Name(p, w),
            projectId,
            repositoryId = w == 0 ? org.Id(EntityKind.Wiki, Index(p, w) + 1_000_000) : org.Id(EntityKind.Repository, org.RepoIndex(p, 0)),
            mappedPath = w == 0 ? "/" : "/docs",
        };
    }

    public static string PagePath(int k) => k == 0 ? "/Home" : $"/Home/Page-{k:D2}";

    public static bool PageLive(Org org, int p, int w, int k) =>
        k >= 0 && k < org.Options.WikiPagesPerWiki && org.Live(EntityKind.WikiPage, Index(p, w) * org.Options.WikiPagesPerWiki + k);

    public static object PageSummary(int k) => new { id = k + 1, path = PagePath(k), viewStats = Array.Empty<object>() };

    public static object Page(Org org, Urls urls, int p, int w, int k, bool withContent)
    {
        var id = org.Id(EntityKind.Wiki, Index(p, w));
        var self = $"{urls.Base}/{org.Id(EntityKind.Project, p)}/_apis/wiki/wikis/{id}/pages/{k + 1}";
        return new
        {
            id = k + 1,
            path = PagePath(k),
            content = withContent ? $"# {PagePath(k)[(PagePath(k).LastIndexOf('/') + 1)..]}\n\nPage {k + 1} of {Name(p, w)}.\n" : null,
            gitItemPath = PagePath(k).Replace(' ', '-') + ".md",
            isParentPage = k == 0 && org.Options.WikiPagesPerWiki > 1,
            order = k,
            subPages = Array.Empty<object>(),
            url = self,
            remoteUrl = $"{urls.Base}/{org.Id(EntityKind.Project, p)}/_wiki/wikis/{id}?pagePath={Uri.EscapeDataString(PagePath(k))}",
        };
    }
}
