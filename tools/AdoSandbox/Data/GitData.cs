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
        var index = org.BranchIndex(repo, b);
        return Ref(org, urls, p, r, Org.BranchName(b), Head(org, repo, b), Identities.AuthorOf(org, EntityKind.Branch, index));
    }

    /// <summary>A branch created by a push through the control API; null once deleted.</summary>
    public static object? Pushed(Org org, Urls urls, int p, int r, PushedBranch branch) =>
        branch.Deleted ? null : Ref(org, urls, p, r, branch.Name, branch.ObjectId, Identities.AuthorOf(org, EntityKind.Branch, branch.Name.Length));

    private static object Ref(Org org, Urls urls, int p, int r, string name, string objectId, int creator) => new
    {
        name,
        objectId,
        creator = Identities.Ref(org, urls, creator),
        url = $"{urls.Repo(org.Id(EntityKind.Project, p), org.Id(EntityKind.Repository, org.RepoIndex(p, r)))}/refs?filter={Uri.EscapeDataString(name[5..])}",
    };

    /// <summary>The commit a generated branch points at: generated, or the last one pushed through the control API.</summary>
    public static string Head(Org org, long repo, int b)
    {
        var index = org.BranchIndex(repo, b);
        return org.State.Change(EntityKind.Branch, index)?.Value<string>("objectId") ?? Deterministic.Sha(org.Seed, EntityKind.Branch, index);
    }

    /// <summary>A live branch by short ("main") or full ("refs/heads/main") name: its ordinal (-1 when pushed) and head.</summary>
    public static (int Ordinal, string Name, string ObjectId)? FindBranch(Org org, int p, int r, string name)
    {
        var full = name.StartsWith("refs/heads/", StringComparison.Ordinal) ? name : "refs/heads/" + name;
        var repo = org.RepoIndex(p, r);
        for (var b = 0; b < org.Options.BranchesPerRepo; b++)
        {
            if (Org.BranchName(b) == full)
            {
                return org.BranchLive(repo, b) ? (b, full, Head(org, repo, b)) : null;
            }
        }
        var pushed = org.State.PushedBranches(repo).FirstOrDefault(branch => branch.Name == full && !branch.Deleted);
        return pushed is null ? null : (-1, full, pushed.ObjectId);
    }
}
