using System.Runtime.CompilerServices;
using System.Text.Json;
using Runner.Domain.Integrations.AzureDevOps.Fetching;
using static Runner.Domain.Integrations.AzureDevOps.Kinds.Parents;

namespace Runner.Domain.Integrations.AzureDevOps.Kinds;

/// <summary>
/// project (optionally with <c>defaultTeam</c>), team (optionally with <c>__members</c> and, with <c>includeAreaPaths</c>,
/// <c>__areaPaths</c>: the team's area field values) and member (<c>__teamId</c>).
/// </summary>
internal static class ProjectKinds
{
    public static async IAsyncEnumerable<RawPage> ProjectsAsync(FetchScope scope, SelectorOptions selector, [EnumeratorCancellation] CancellationToken ct)
    {
        // The list omits defaultTeam; only the single-project call has it.
        var withDefaultTeam = selector.Flag("defaultTeam");
        var page = scope.NewPage();
        await foreach (var project in scope.Projects.ListAsync(scope, ct))
        {
            if (withDefaultTeam)
            {
                using var detail = await scope.ReadAsync(scope.Apis.Core.GetProject(Id(project), ct), ct);
                if (detail is not null)
                {
                    page.Add(detail.RootElement);
                }
            }
            else
            {
                page.Add(project);
            }
            if (page.Count >= scope.Options.PageSize)
            {
                yield return scope.Finish(page)!;
                page = scope.NewPage();
            }
        }
        if (scope.Finish(page) is { } last)
        {
            yield return last;
        }
    }

    public static async IAsyncEnumerable<RawPage> TeamsAsync(FetchScope scope, SelectorOptions selector, [EnumeratorCancellation] CancellationToken ct)
    {
        var withMembers = selector.Flag("includeMembers");
        var withAreaPaths = selector.Flag("includeAreaPaths");
        var page = scope.NewPage();
        await foreach (var team in OrganizationTeamsAsync(scope, ct))
        {
            var context = new List<ContextField>(2);
            if (withMembers)
            {
                context.Add(Context("__members", await AllMembersAsync(scope, team, ct)));
            }
            if (withAreaPaths)
            {
                context.Add(Context("__areaPaths", await AreaPathsAsync(scope, team, ct)));
            }
            page.Add(team, [.. context]);
            if (page.Count >= scope.Options.PageSize)
            {
                yield return scope.Finish(page)!;
                page = scope.NewPage();
            }
        }
        if (scope.Finish(page) is { } last)
        {
            yield return last;
        }
    }

    public static IAsyncEnumerable<RawPage> MembersAsync(FetchScope scope, SelectorOptions selector, CancellationToken ct) =>
        FanOut.MergeAsync(OrganizationTeamsAsync(scope, ct), scope.Options.ParallelParents, (team, ct) => StampedAsync(scope, MemberPagesAsync(scope, team, ct), [Context("__teamId", team.GetProperty("id"))], ct), ct);

    private static async Task<JsonElement> AllMembersAsync(FetchScope scope, JsonElement team, CancellationToken ct)
    {
        var members = new List<JsonElement>();
        await foreach (var page in MemberPagesAsync(scope, team, ct))
        {
            members.AddRange(scope.Values(page).Select(m => m.Clone()));
        }
        return JsonSerializer.SerializeToElement(members);
    }

    private static async Task<JsonElement> AreaPathsAsync(FetchScope scope, JsonElement team, CancellationToken ct)
    {
        using var values = await scope.ReadAsync(scope.Apis.Work.GetTeamFieldValues(team.GetProperty("projectId").ToString(), Id(team), ct), ct);
        return values is not null && values.RootElement.TryGetProperty("values", out var list) ? list.Clone() : Null;
    }

    private static IAsyncEnumerable<JsonDocument> MemberPagesAsync(FetchScope scope, JsonElement team, CancellationToken ct) =>
        scope.BySkipAsync(
            (top, skip, ct) => scope.Apis.Core.ListMembers(team.GetProperty("projectId").ToString(), Id(team), top, skip, ct), null, ct);
}
