using System.Globalization;
using System.Text;

namespace Runner.Tools.AdoSandbox.Data;

/// <summary>One entry of a repository tree at a branch: a folder, or a file with its content.</summary>
internal sealed record TreeEntry(string Path, bool IsFolder, string? Content)
{
    public string Name => Path == "/" ? "" : Path[(Path.LastIndexOf('/') + 1)..];
    public string Parent => Path == "/" ? "" : Path[..Math.Max(1, Path.LastIndexOf('/'))];
}

/// <summary>
/// The files of every repository: README.md everywhere, CODEOWNERS in repo-002, repo-004… and package.json in repo-001, repo-003…,
/// JSON and YAML configuration, and in the first repository of each project one JSON file above 1 MiB. A feature
/// branch adds one service folder of its own; file contents name their branch, so branch selection is visible.
/// </summary>
internal static class RepoTree
{
    /// <summary>Size of the large file; clients skip files above 1 MiB.</summary>
    public const int LargeFileBytes = (1 << 20) + 200_000;

    public static IReadOnlyList<TreeEntry> Entries(int p, int r, string branch)
    {
        var repo = Org.RepoName(r);
        var shortName = branch.StartsWith("refs/heads/", StringComparison.Ordinal) ? branch[11..] : branch;
        var entries = new List<TreeEntry>
        {
            Folder("/"),
            File("/README.md", $"# {repo}\n\nGenerated repository of {Org.ProjectName(p)}.\n"),
            File("/azure-pipelines.yml", $"trigger:\n  branches:\n    include: [main]\npool:\n  vmImage: ubuntu-latest\nsteps:\n  - script: make test\n    displayName: Test {repo}\n"),
            Folder("/config"),
            File("/config/app.json", $"{{\"name\":\"{repo}\",\"project\":\"{Org.ProjectName(p)}\",\"branch\":\"{shortName}\",\"replicas\":{1 + r % 3},\"features\":[\"audit\",\"metrics\"]}}\n"),
            File("/config/settings.yaml", $"service: {repo}\nbranch: {shortName}\nlogging:\n  level: info\nlimits:\n  cpu: 500m\n  memory: 256Mi\n"),
            Folder("/docs"),
            File("/docs/guide.md", $"# Guide to {repo}\n\nRun `make test`.\n"),
            Folder("/services"),
            Folder("/services/api"),
            File("/services/api/service.yaml", Service(repo, "api", shortName)),
            Folder("/services/web"),
            File("/services/web/service.yaml", Service(repo, "web", shortName)),
        };
        if (r % 2 == 1)
        {
            entries.Add(File("/CODEOWNERS", $"* @{Org.ProjectName(p)}-team\n/services/ @{repo}-owners\n"));
        }

        if (r % 2 == 0)
        {
            entries.Add(File("/package.json", $"{{\"name\":\"{repo}\",\"version\":\"1.{r}.0\"}}\n"));
        }

        if (r == 0)
        {
            entries.Add(Folder("/assets"));
            entries.Add(new TreeEntry("/assets/dataset.json", false, null));
        }
        if (shortName.StartsWith("feature/", StringComparison.Ordinal))
        {
            var folder = "/services/" + shortName[8..];
            entries.Add(Folder(folder));
            entries.Add(File(folder + "/service.yaml", Service(repo, shortName[8..], shortName)));
        }
        entries.Sort((a, b) => string.CompareOrdinal(a.Path, b.Path));
        return entries;
    }

    public static TreeEntry? Find(int p, int r, string branch, string path)
    {
        var normalized = Normalize(path);
        return Entries(p, r, branch).FirstOrDefault(entry => string.Equals(entry.Path, normalized, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The entry and what lies under it: nothing, its children, or everything below it.</summary>
    public static IReadOnlyList<TreeEntry> Under(int p, int r, string branch, TreeEntry root, string recursion)
    {
        var entries = Entries(p, r, branch);
        var prefix = root.Path == "/" ? "/" : root.Path + "/";
        return recursion.ToLowerInvariant() switch
        {
            "onelevel" or "onelevelplusnestedemptyfolders" => [root, .. entries.Where(e => e.Path != root.Path && e.Parent == root.Path)],
            "full" => [root, .. entries.Where(e => e.Path != root.Path && e.Path.StartsWith(prefix, StringComparison.Ordinal))],
            _ => [root],
        };
    }

    /// <summary>Content of a file entry; the large one is generated on demand (rows of JSON, deterministic).</summary>
    public static string Content(TreeEntry entry)
    {
        if (entry.Content is not null || entry.IsFolder)
        {
            return entry.Content ?? "";
        }

        var builder = new StringBuilder(LargeFileBytes + 100).Append("{\"rows\":[");
        for (var i = 0; builder.Length < LargeFileBytes; i++)
        {
            builder.Append(CultureInfo.InvariantCulture, $"{(i == 0 ? "" : ",")}{{\"id\":{i},\"value\":\"row-{i:D8}\"}}");
        }

        return builder.Append("]}\n").ToString();
    }

    public static string Normalize(string path)
    {
        var trimmed = "/" + path.Replace('\\', '/').Trim('/');
        return trimmed.Length > 1 ? trimmed : "/";
    }

    private static TreeEntry Folder(string path) => new(path, true, null);
    private static TreeEntry File(string path, string content) => new(path, false, content);

    private static string Service(string repo, string name, string branch) =>
        $"apiVersion: v1\nkind: Service\nmetadata:\n  name: {repo}-{name}\n  branch: {branch}\nspec:\n  port: 8080\n  owners:\n    - {repo}-owners\n";
}
