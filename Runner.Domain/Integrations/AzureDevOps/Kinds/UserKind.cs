using System.Runtime.CompilerServices;
using Runner.Domain.Integrations.AzureDevOps.Fetching;

namespace Runner.Domain.Integrations.AzureDevOps.Kinds;

/// <summary>user: user entitlements (vsaex, body token) by default, graph users (vssps) with <c>source: graph</c>.</summary>
internal static class UserKind
{
    public static async IAsyncEnumerable<RawPage> UsersAsync(FetchScope scope, SelectorOptions selector, [EnumeratorCancellation] CancellationToken ct)
    {
        var fromGraph = string.Equals(selector.Text("source"), "graph", StringComparison.OrdinalIgnoreCase);
        var pages = fromGraph
            ? scope.ByHeaderTokenAsync((token, ct) => scope.Apis.Graph.ListUsers(selector.Text("subjectTypes"), token, ct), ct)
            : scope.ByBodyTokenAsync((token, ct) => scope.Apis.Entitlements.ListUserEntitlements(token, ct), ct);
        await foreach (var page in pages)
        {
            if (scope.Page(scope.Values(page, fromGraph ? "value" : "items")) is { } built)
            {
                yield return built;
            }
        }
    }
}
