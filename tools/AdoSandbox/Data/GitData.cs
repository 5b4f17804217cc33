using Runner.Tools.AdoSandbox.Http;

namespace Runner.Tools.AdoSandbox.Data;

/// <summary>Repositories, their branches (refs/heads) and the files the items endpoint serves.</summary>
internal static class GitData
{
    public static object? Repository(Org org, Urls urls, int p, int r)
    {
        if (!org.RepoLive(p, r))
        {
            return null;
        }
        var index = org.RepoIndex(p, r);
        var id = org.Id(EntityKind.Repository, index);
        var projectId = org.Id(EntityKind.Project, p);
        var name = Org.RepoName(r);
        var web = $"{urls.Base}/{Org.ProjectName(p)}/_git/{name}";
        return new
        {
            id,
            name,
            url = urls.Repo(projectId, id),
            project = CoreData.Project(org, urls, p, detailed: false),
            defaultBranch = org.Options.BranchesPerRepo > 0 ? Org.BranchName(0) : null,
            size = 10_000 + (long)(org.Unit(EntityKind.Repository, index) * 50_000_000),
            remoteUrl = web,
            sshUrl = $"git@ssh.sandbox.example:v3/{org.Options.Organization}/{Org.ProjectName(p)}/{name}",
            webUrl = web,
            isDisabled = false,
            isInMaintenance = false,
        };
    }

    public static IEnumerable<object> Repositories(Org org, Urls urls, int p) =>
        Enumerable.Range(0, org.Options.ReposPerProject).Select(r => Repository(org, urls, p, r)).OfType<object>();

    public static object? Branch(Org org, Urls urls, int p, int r, int b)
    {
        var repo = org.RepoIndex(p, r);
        if (!org.BranchLive(repo, b))
        {
            return null;
        }
        var name = Org.BranchName(b);
        var index = repo * org.Options.BranchesPerRepo + b;
        return new
        {
            name,
            objectId = Deterministic.Sha(org.Seed, EntityKind.Branch, index),
            creator = Identities.Ref(org, urls, Identities.AuthorOf(org, EntityKind.Branch, index)),
            url = $"{urls.Repo(org.Id(EntityKind.Project, p), org.Id(EntityKind.Repository, repo))}/refs?filter={Uri.EscapeDataString(name[5..])}",
        };
    }

    /// <summary>Every repo has a README; even-numbered repos also have a package.json, so included-file lookups
    /// see both hits and misses.</summary>
    public static string? FileContent(int p, int r, string path) => path.TrimStart('/').ToUpperInvariant() switch
    {
        "README.MD" => $"# {Org.RepoName(r)}\n\nGenerated repository of {Org.ProjectName(p)}.\n",
        "PACKAGE.JSON" when r % 2 == 0 => $"{{\"name\":\"{Org.RepoName(r)}\",\"version\":\"1.{r}.0\"}}\n",
        _ => null,
    };
}
