using System.Buffers;
using System.Net;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Runner.Domain.Integrations.AzureDevOps.Api;
using Runner.Domain.Integrations.AzureDevOps.Fetching;
using Runner.Domain.Mapping;
using static Runner.Domain.Integrations.AzureDevOps.Kinds.Parents;

namespace Runner.Domain.Integrations.AzureDevOps.Kinds;

/// <summary>
/// file and folder, per enabled repository, on the default branch (the mapping's <c>useDefaultBranch</c>, absent or
/// true) or the mapping's <c>branch</c> (default <c>main</c>).
/// file: <c>files.path</c> (a path or glob, or a list) in <c>files.repos</c> (names; all when absent). Matching items
/// come from one itemsbatch call per repository, then each blob's bytes; a file over 1 MiB is skipped and counted.
/// Each object is <c>{file: {…, content: {raw, parsed}}, repo}</c> (JSON and YAML files parsed), as in Ocean.
/// folder: <c>folders[{path, repos[{name, branch}]}]</c>; a folder's items listing (continuation header), glob-matched.
/// </summary>
internal static class FileKinds
{
    public const int MaxFileBytes = 1024 * 1024;
    public const string TooLarge = "file larger than 1 MiB";

    public static IAsyncEnumerable<RawPage> FilesAsync(FetchScope scope, SelectorOptions selector, CancellationToken ct)
    {
        var files = selector.Object("files");
        var globs = (files?.List("path") ?? []).Select(p => new PathGlob(p)).ToList();
        var repos = RepoNames(files?.Elements("repos") ?? []);
        if (globs.Count == 0)
        {
            return AsyncEnumerable.Empty<RawPage>();
        }
        var targets = Parents.RepositoriesAsync(scope, ct).Where(r => repos.Count == 0 || repos.Contains(Name(r)));
        return FanOut.MergeAsync(targets, scope.Options.ParallelParents, (repository, ct) => FilesOfAsync(scope, repository, globs, ct), ct);
    }

    public static IAsyncEnumerable<RawPage> FoldersAsync(FetchScope scope, SelectorOptions selector, CancellationToken ct)
    {
        var specs = selector.Elements("folders").Where(f => f.ValueKind == JsonValueKind.Object && f.TryGetProperty("path", out var p) && p.ValueKind == JsonValueKind.String)
            .Select(f => (Glob: new PathGlob(f.GetProperty("path").GetString()!), Repos: Branches(f)))
            .ToList();
        if (specs.Count == 0)
        {
            return AsyncEnumerable.Empty<RawPage>();
        }
        var work = Parents.RepositoriesAsync(scope, ct).SelectMany(repository => specs
            .Where(spec => spec.Repos.Count == 0 || spec.Repos.ContainsKey(Name(repository)))
            .Select(spec => (Repository: repository, spec.Glob, Branch: spec.Repos.GetValueOrDefault(Name(repository))))
            .ToAsyncEnumerable());
        return FanOut.MergeAsync(work, scope.Options.ParallelParents, (target, ct) => FoldersOfAsync(scope, target.Repository, target.Glob, target.Branch, ct), ct);
    }

    private static async IAsyncEnumerable<RawPage> FilesOfAsync(FetchScope scope, JsonElement repository, List<PathGlob> globs, [EnumeratorCancellation] CancellationToken ct)
    {
        if (BranchOf(scope, repository, null) is not { } branch)
        {
            yield break;
        }
        var blobs = new SortedDictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var (glob, items) in await ItemsAsync(scope, repository, branch, globs, ct))
        {
            foreach (var item in items.Where(i => !IsFolder(i) && glob.Matches(i.GetProperty("path").GetString() ?? "")))
            {
                blobs.TryAdd(item.GetProperty("path").GetString()!, item);
            }
        }
        var page = scope.NewPage();
        foreach (var (path, item) in blobs)
        {
            if (await ContentAsync(scope, repository, path, branch, ct) is { } content)
            {
                page.Add(FileObject(item, path, content), Context("repo", repository));
            }
        }
        if (scope.Finish(page) is { } built)
        {
            yield return built;
        }
    }

    /// <summary>
    /// One itemsbatch for every pattern; the service fails a whole batch with 400 when one path is missing, so then
    /// each pattern is asked alone and a missing one simply matches nothing.
    /// </summary>
    private static async Task<List<(PathGlob Glob, List<JsonElement> Items)>> ItemsAsync(
        FetchScope scope, JsonElement repository, string branch, List<PathGlob> globs, CancellationToken ct)
    {
        ItemDescriptor Descriptor(PathGlob glob) => new(glob.BasePath, glob.IsLiteral ? "none" : glob.SpansSegments ? "full" : "oneLevel", branch);
        var together = await BatchAsync(scope, repository, [.. globs.Select(Descriptor)], ct);
        if (together is not null)
        {
            return [.. globs.Zip(together)];
        }
        var alone = new List<(PathGlob, List<JsonElement>)>();
        foreach (var glob in globs)
        {
            alone.Add((glob, globs.Count == 1 ? [] : (await BatchAsync(scope, repository, [Descriptor(glob)], ct))?.SingleOrDefault() ?? []));
        }
        return alone;
    }

    private static async Task<List<List<JsonElement>>?> BatchAsync(FetchScope scope, JsonElement repository, ItemDescriptor[] descriptors, CancellationToken ct)
    {
        using var response = await scope.SendAsync(scope.Apis.Git.ItemsBatch(RepositoryKinds.ProjectOf(repository), Id(repository), new ItemsBatchRequest(descriptors), ct));
        if (response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.NotFound)
        {
            return null;
        }
        using var batch = await scope.ParseAsync(response, ct);
        return batch is null ? [.. descriptors.Select(_ => new List<JsonElement>())]
            : [.. scope.Values(batch).Select(list => list.ValueKind == JsonValueKind.Array ? list.EnumerateArray().Select(i => i.Clone()).ToList() : [])];
    }

    /// <summary>The file's text, read no further than the limit; null (skipped and counted) past it, or when it vanished.</summary>
    private static async Task<string?> ContentAsync(FetchScope scope, JsonElement repository, string path, string branch, CancellationToken ct)
    {
        using var response = await scope.SendAsync(scope.Apis.Git.GetFileRaw(RepositoryKinds.ProjectOf(repository), Id(repository), path, branch, ct));
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
        if (!response.IsSuccessStatusCode)
        {
            throw new AzureDevOpsFetchException(scope.Kind, response.RequestMessage?.RequestUri?.AbsolutePath ?? "", (int)response.StatusCode);
        }
        if (response.Content.Headers.ContentLength > MaxFileBytes)
        {
            scope.Skip(TooLarge);
            return null;
        }
        await using var body = await response.Content.ReadAsStreamAsync(ct);
        // Pooled: a fresh 1 MB array per file was a large-object-heap allocation every run, and what drove the Worker's gen2 collections.
        var buffer = ArrayPool<byte>.Shared.Rent(MaxFileBytes + 1);
        try
        {
            var read = await body.ReadAtLeastAsync(buffer.AsMemory(0, MaxFileBytes + 1), MaxFileBytes + 1, throwOnEndOfStream: false, ct);
            if (read > MaxFileBytes)
            {
                scope.Skip(TooLarge);
                return null;
            }
            return Encoding.UTF8.GetString(buffer, 0, read);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static JsonElement FileObject(JsonElement item, string path, string content)
    {
        var file = new Dictionary<string, object?>
        {
            ["path"] = path,
            ["objectId"] = item.TryGetProperty("objectId", out var objectId) ? objectId.GetString() : null,
            ["commitId"] = item.TryGetProperty("commitId", out var commitId) ? commitId.GetString() : null,
            ["size"] = Encoding.UTF8.GetByteCount(content),
            ["isFolder"] = false,
            ["url"] = item.TryGetProperty("url", out var url) ? url.GetString() : null,
            ["fileName"] = path[(path.LastIndexOf('/') + 1)..],
            ["content"] = new Dictionary<string, object?> { ["raw"] = content, ["parsed"] = Parse(path, content) },
        };
        return JsonSerializer.SerializeToElement(new Dictionary<string, object> { ["file"] = file });
    }

    /// <summary>JSON and YAML files parsed into the object (bounded like a mapping); anything else, or unparsable, is null.</summary>
    private static JsonElement? Parse(string path, string content)
    {
        try
        {
            if (path.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
            {
                using var json = JsonDocument.Parse(content, new JsonDocumentOptions { MaxDepth = Common.InputLimits.MaxDepth });
                return json.RootElement.Clone();
            }
            if (path.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".yml", StringComparison.OrdinalIgnoreCase))
            {
                return JsonSerializer.SerializeToElement(YamlToJson.Read(content));
            }
        }
        catch (Exception e) when (e is JsonException or YamlDotNet.Core.YamlException or MappingValidationException)
        {
            return null;
        }
        return null;
    }

    private static async IAsyncEnumerable<RawPage> FoldersOfAsync(
        FetchScope scope, JsonElement repository, PathGlob glob, string? branchOverride, [EnumeratorCancellation] CancellationToken ct)
    {
        if (BranchOf(scope, repository, branchOverride) is not { } branch)
        {
            yield break;
        }
        var scopePath = glob.IsLiteral ? Parent(glob.Pattern) : glob.BasePath;
        var recursion = glob.SpansSegments ? "full" : "oneLevel";
        string? token = null;
        do
        {
            using var response = await scope.SendAsync(scope.Apis.Git.ListItems(
                RepositoryKinds.ProjectOf(repository), Id(repository), scopePath, recursion, branch, scope.Options.PageSize, token, ct));
            // A folder (or branch) that isn't there holds no folders; that is normal, not a problem.
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                yield break;
            }
            token = Paging.NextToken(response);
            using var listing = await scope.ParseAsync(response, ct);
            if (listing is null)
            {
                yield break;
            }
            var folders = scope.Values(listing).Where(i => IsFolder(i) && i.GetProperty("path").GetString() is { } path && path != "/" && glob.Matches(path));
            if (scope.Page(folders, Context("__repository", repository), Context("__branch", JsonSerializer.SerializeToElement(branch))) is { } built)
            {
                yield return built;
            }
        }
        while (token is not null);
    }

    /// <summary>The branch name to read: an explicit one, the default branch, or the mapping's <c>branch</c>; null for an empty repository.</summary>
    private static string? BranchOf(FetchScope scope, JsonElement repository, string? explicitBranch)
    {
        if (explicitBranch is not null)
        {
            return explicitBranch;
        }
        if (scope.Config.Flag("useDefaultBranch", fallback: true))
        {
            return repository.TryGetProperty("defaultBranch", out var branch) && branch.GetString() is { } name ? name.Replace("refs/heads/", "", StringComparison.Ordinal) : null;
        }
        return scope.Config.Text("branch") ?? "main";
    }

    private static HashSet<string> RepoNames(IReadOnlyList<JsonElement> repos) => repos
        .Select(r => r.ValueKind == JsonValueKind.String ? r.GetString() : r.ValueKind == JsonValueKind.Object && r.TryGetProperty("name", out var n) ? n.GetString() : null)
        .OfType<string>().ToHashSet(StringComparer.OrdinalIgnoreCase);

    private static Dictionary<string, string?> Branches(JsonElement folder) =>
        folder.TryGetProperty("repos", out var repos) && repos.ValueKind == JsonValueKind.Array
            ? repos.EnumerateArray()
                .Select(r => r.ValueKind == JsonValueKind.String ? (r.GetString(), (string?)null)
                    : r.ValueKind == JsonValueKind.Object && r.TryGetProperty("name", out var n)
                        ? (n.GetString(), r.TryGetProperty("branch", out var b) && b.ValueKind == JsonValueKind.String ? b.GetString() : null)
                        : (null, null))
                .Where(r => r.Item1 is not null)
                .DistinctBy(r => r.Item1, StringComparer.OrdinalIgnoreCase)
                .ToDictionary(r => r.Item1!, r => r.Item2, StringComparer.OrdinalIgnoreCase)
            : [];

    private static string Name(JsonElement repository) => repository.GetProperty("name").GetString() ?? "";

    private static bool IsFolder(JsonElement item) =>
        (item.TryGetProperty("isFolder", out var folder) && folder.ValueKind == JsonValueKind.True)
        || (item.TryGetProperty("gitObjectType", out var type) && type.ValueEquals("tree"));

    private static string Parent(string path) => path.LastIndexOf('/') is > 0 and var slash ? path[..slash] : "/";
}
