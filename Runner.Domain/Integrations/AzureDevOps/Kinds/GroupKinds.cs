using System.Runtime.CompilerServices;
using System.Text.Json;
using Runner.Domain.Integrations.AzureDevOps.Api;
using Runner.Domain.Integrations.AzureDevOps.Fetching;
using static Runner.Domain.Integrations.AzureDevOps.Kinds.Parents;

namespace Runner.Domain.Integrations.AzureDevOps.Kinds;

/// <summary>
/// group (graph groups on vssps) and group-member (each member subject of a group, with <c>__group</c>): memberships
/// name descriptors only, so the subjects are looked up at most 500 per call, as Ocean does.
/// </summary>
internal static class GroupKinds
{
    private const int LookupBatch = 500;

    public static async IAsyncEnumerable<RawPage> GroupsAsync(FetchScope scope, SelectorOptions selector, [EnumeratorCancellation] CancellationToken ct)
    {
        await foreach (var page in GroupPagesAsync(scope, ct))
        {
            if (scope.Page(scope.Values(page)) is { } built)
            {
                yield return built;
            }
        }
    }

    public static IAsyncEnumerable<RawPage> MembersAsync(FetchScope scope, SelectorOptions selector, CancellationToken ct) =>
        FanOut.MergeAsync(AllGroupsAsync(scope, ct), scope.Options.ParallelParents, (group, ct) => MembersOfAsync(scope, group, ct), ct);

    /// <summary>The subjects related to <paramref name="descriptor"/> in <paramref name="direction"/> (up: its groups; down: its members).</summary>
    public static async Task<List<JsonElement>> RelatedSubjectsAsync(FetchScope scope, string descriptor, string direction, CancellationToken ct)
    {
        using var memberships = await scope.ReadAsync(scope.Apis.Graph.ListMemberships(descriptor, direction, ct), ct);
        if (memberships is null)
        {
            return [];
        }
        var other = direction == "up" ? "containerDescriptor" : "memberDescriptor";
        var descriptors = scope.Values(memberships).Select(m => m.GetProperty(other).GetString()).OfType<string>().Distinct().ToList();
        var subjects = new List<JsonElement>(descriptors.Count);
        foreach (var batch in descriptors.Chunk(LookupBatch))
        {
            using var found = await scope.ReadAsync(scope.Apis.Graph.LookupSubjects(new SubjectLookup([.. batch.Select(d => new SubjectLookupKey(d))]), ct), ct);
            if (found is not null && found.RootElement.TryGetProperty("value", out var byDescriptor) && byDescriptor.ValueKind == JsonValueKind.Object)
            {
                // In membership order; a descriptor the lookup no longer knows (deleted meanwhile) is left out.
                subjects.AddRange(batch.Select(d => byDescriptor.TryGetProperty(d, out var subject) ? subject.Clone() : default)
                    .Where(s => s.ValueKind == JsonValueKind.Object));
            }
        }
        return subjects;
    }

    private static IAsyncEnumerable<JsonDocument> GroupPagesAsync(FetchScope scope, CancellationToken ct) =>
        scope.ByHeaderTokenAsync((token, c) => scope.Apis.Graph.ListGroups(token, c), ct);

    private static async IAsyncEnumerable<JsonElement> AllGroupsAsync(FetchScope scope, [EnumeratorCancellation] CancellationToken ct)
    {
        await foreach (var page in GroupPagesAsync(scope, ct))
        {
            foreach (var group in scope.Values(page).Select(g => g.Clone()).ToList())
            {
                yield return group;
            }
        }
    }

    private static async IAsyncEnumerable<RawPage> MembersOfAsync(FetchScope scope, JsonElement group, [EnumeratorCancellation] CancellationToken ct)
    {
        var members = await RelatedSubjectsAsync(scope, group.GetProperty("descriptor").GetString()!, "down", ct);
        if (scope.Page(members, Context("__group", group)) is { } built)
        {
            yield return built;
        }
    }
}
