using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Text.Json;

namespace Runner.Domain.Integrations.AzureDevOps.Fetching;

/// <summary>
/// The session's projects, without those carrying an excluded tag (read from project properties, as Ocean
/// does). Which projects are excluded is remembered for the session; the projects themselves are re-listed per kind,
/// and looked up by id once per session (a live event session is one batch of events).
/// </summary>
internal sealed class ProjectSource(IReadOnlyList<string> excludedTags)
{
    private const string TagPrefix = "Microsoft.TeamFoundation.Project.Tag.";
    private readonly ConcurrentDictionary<string, bool> _excluded = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, Task<JsonElement?>> _byId = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The project, or null when it is gone or excluded: <paramref name="get"/> runs once per id and session.</summary>
    public Task<JsonElement?> FindAsync(string projectId, Func<Task<JsonElement?>> get) => _byId.GetOrAdd(projectId, _ => get());

    public async IAsyncEnumerable<JsonElement> ListAsync(FetchScope scope, [EnumeratorCancellation] CancellationToken ct)
    {
        var pages = scope.ByHeaderTokenAsync((token, ct) => scope.Apis.Core.ListProjects(scope.Options.PageSize, token, ct), ct);
        await foreach (var page in pages)
        {
            foreach (var project in scope.Values(page).Select(p => p.Clone()).ToList())
            {
                if (!await IsExcludedAsync(scope, Id(project), ct))
                {
                    yield return project;
                }
            }
        }
    }

    public async ValueTask<bool> IsExcludedAsync(FetchScope scope, string projectId, CancellationToken ct)
    {
        if (excludedTags.Count == 0)
        {
            return false;
        }
        if (_excluded.TryGetValue(projectId, out var known))
        {
            return known;
        }
        using var properties = await scope.ReadAsync(scope.Apis.Core.GetProperties(projectId, TagPrefix + "*", ct), ct);
        var excluded = properties is not null && scope.Values(properties)
            .Select(property => property.GetProperty("name").GetString() ?? "")
            .Any(name => name.StartsWith(TagPrefix, StringComparison.OrdinalIgnoreCase)
                && excludedTags.Contains(name[TagPrefix.Length..], StringComparer.OrdinalIgnoreCase));
        return _excluded[projectId] = excluded;
    }

    public static string Id(JsonElement element) => element.GetProperty("id").ToString();
}
