using System.Runtime.CompilerServices;
using System.Text.Json;
using Runner.Domain.Integrations.AzureDevOps.Fetching;

namespace Runner.Domain.Integrations.AzureDevOps.Kinds;

/// <summary>Parent objects several kinds hang off, streamed and copied out of their pages.</summary>
internal static class Parents
{
    /// <summary>A JSON null for context fields that have no value (a pipeline without a repository).</summary>
    public static readonly JsonElement Null = JsonDocument.Parse("null").RootElement.Clone();

    public static string Id(JsonElement element) => element.GetProperty("id").ToString();

    public static ContextField Context(string name, JsonElement value) => new(name, value);

    /// <summary>Each page's objects, stamped with the same context fields (their parent).</summary>
    public static async IAsyncEnumerable<RawPage> StampedAsync(
        FetchScope scope, IAsyncEnumerable<JsonDocument> pages, ContextField[] context, [EnumeratorCancellation] CancellationToken ct)
    {
        await foreach (var page in pages.WithCancellation(ct))
        {
            if (scope.Page(scope.Values(page), context) is { } built)
            {
                yield return built;
            }
        }
    }

    /// <summary>Enabled repositories of the session's projects (Ocean skips disabled ones for sub-resources too).</summary>
    public static async IAsyncEnumerable<JsonElement> RepositoriesAsync(FetchScope scope, [EnumeratorCancellation] CancellationToken ct)
    {
        await foreach (var project in scope.Projects.ListAsync(scope, ct))
        {
            using var page = await scope.ReadAsync(scope.Apis.Git.ListRepositories(Id(project), ct), ct);
            if (page is null)
            {
                continue;
            }
            foreach (var repository in scope.Values(page).Where(r => !IsDisabled(r)).Select(r => r.Clone()).ToList())
            {
                yield return repository;
            }
        }
    }

    /// <summary>Teams of each project, with their project, from the per-project list ($top/$skip).</summary>
    public static async IAsyncEnumerable<(JsonElement Project, JsonElement Team)> ProjectTeamsAsync(
        FetchScope scope, [EnumeratorCancellation] CancellationToken ct)
    {
        await foreach (var project in scope.Projects.ListAsync(scope, ct))
        {
            var pages = scope.BySkipAsync((top, skip, ct) => scope.Apis.Core.ListTeams(Id(project), top, skip, ct), null, ct);
            await foreach (var page in pages)
            {
                foreach (var team in scope.Values(page).Select(t => t.Clone()).ToList())
                {
                    yield return (project, team);
                }
            }
        }
    }

    /// <summary>Every team of the organization from <c>_apis/teams</c>, leaving out teams of excluded projects.</summary>
    public static async IAsyncEnumerable<JsonElement> OrganizationTeamsAsync(FetchScope scope, [EnumeratorCancellation] CancellationToken ct)
    {
        var pages = scope.BySkipAsync((top, skip, ct) => scope.Apis.Core.ListAllTeams(top, skip, ct), null, ct);
        await foreach (var page in pages)
        {
            foreach (var team in scope.Values(page).Select(t => t.Clone()).ToList())
            {
                if (!await scope.Projects.IsExcludedAsync(scope, team.GetProperty("projectId").ToString(), ct))
                {
                    yield return team;
                }
            }
        }
    }

    private static bool IsDisabled(JsonElement repository) =>
        repository.TryGetProperty("isDisabled", out var disabled) && disabled.ValueKind == JsonValueKind.True;
}
