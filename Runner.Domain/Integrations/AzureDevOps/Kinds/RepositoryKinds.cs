using System.Net;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Runner.Domain.Integrations.AzureDevOps.Fetching;
using static Runner.Domain.Integrations.AzureDevOps.Kinds.Parents;

namespace Runner.Domain.Integrations.AzureDevOps.Kinds;

/// <summary>repository (with <c>__includedFiles</c>), and the per-repository kinds branch and repository-policy (<c>__repository</c>).</summary>
internal static class RepositoryKinds
{
    public static async IAsyncEnumerable<RawPage> RepositoriesAsync(FetchScope scope, SelectorOptions selector, [EnumeratorCancellation] CancellationToken ct)
    {
        var files = selector.List("includedFiles");
        await foreach (var project in scope.Projects.ListAsync(scope, ct))
        {
            using var list = await scope.ReadAsync(scope.Apis.Git.ListRepositories(Id(project), ct), ct);
            if (list is null)
            {
                continue;
            }
            var page = scope.NewPage();
            foreach (var repository in scope.Values(list))
            {
                if (files.Count == 0)
                {
                    page.Add(repository);
                }
                else
                {
                    page.Add(repository, Context("__includedFiles", await IncludedFilesAsync(scope, repository, files, ct)));
                }
            }
            if (scope.Finish(page) is { } built)
            {
                yield return built;
            }
        }
    }

    public static IAsyncEnumerable<RawPage> BranchesAsync(FetchScope scope, SelectorOptions selector, CancellationToken ct) =>
        PerRepository(scope, ct, (repository, ct) => scope.ByHeaderTokenAsync(
            (token, c) => scope.Apis.Git.ListBranches(ProjectOf(repository), Id(repository), scope.Options.PageSize, token, c), ct));

    public static IAsyncEnumerable<RawPage> PoliciesAsync(FetchScope scope, SelectorOptions selector, CancellationToken ct) =>
        PerRepository(scope, ct, (repository, ct) => scope.ByHeaderTokenAsync(
            (token, c) => scope.Apis.Policy.ListRepositoryPolicies(ProjectOf(repository), Id(repository), DefaultBranch(repository), scope.Options.PageSize, token, c), ct));

    public static string ProjectOf(JsonElement repository) => repository.GetProperty("project").GetProperty("id").ToString();

    private static string? DefaultBranch(JsonElement repository) =>
        repository.TryGetProperty("defaultBranch", out var branch) ? branch.GetString() : null;

    private static IAsyncEnumerable<RawPage> PerRepository(
        FetchScope scope, CancellationToken ct, Func<JsonElement, CancellationToken, IAsyncEnumerable<JsonDocument>> pagesOf) =>
        FanOut.MergeAsync(Parents.RepositoriesAsync(scope, ct), scope.Options.ParallelParents, (repository, ct) => StampedAsync(scope, pagesOf(repository, ct), [Context("__repository", repository)], ct), ct);

    /// <summary>Path → content on the default branch; null when the file (or the branch) does not exist, which is normal.</summary>
    private static async Task<JsonElement> IncludedFilesAsync(FetchScope scope, JsonElement repository, IReadOnlyList<string> paths, CancellationToken ct)
    {
        var branch = DefaultBranch(repository)?.Replace("refs/heads/", "", StringComparison.Ordinal);
        var contents = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var path in paths)
        {
            contents[path] = branch is null ? null : await FileContentAsync(scope, repository, path, branch, ct);
        }
        return JsonSerializer.SerializeToElement(contents);
    }

    private static async Task<string?> FileContentAsync(FetchScope scope, JsonElement repository, string path, string branch, CancellationToken ct)
    {
        using var response = await scope.SendAsync(scope.Apis.Git.GetFile(ProjectOf(repository), Id(repository), path, branch, ct));
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
        using var item = await scope.ParseAsync(response, ct);
        return item is not null && item.RootElement.TryGetProperty("content", out var content) ? content.GetString() : null;
    }
}
