using System.Runtime.CompilerServices;
using System.Text.Json;
using Runner.Domain.Integrations.AzureDevOps.Fetching;

namespace Runner.Domain.Integrations.AzureDevOps.Kinds;

/// <summary>
/// user: user entitlements (vsaex) by default, graph users (vssps) with <c>source: graph</c>. Entitlements take
/// <c>includeFields</c> (sent as <c>select</c>) and <c>apiVersion</c> (before 6.0 the service pages by top/skip and
/// answers <c>value</c>); graph users take <c>subjectTypes</c> and <c>includeGroupMemberships</c> (<c>__groups</c>).
/// </summary>
internal static class UserKind
{
    private const string DefaultEntitlementsVersion = "7.1";

    public static async IAsyncEnumerable<RawPage> UsersAsync(FetchScope scope, SelectorOptions selector, [EnumeratorCancellation] CancellationToken ct)
    {
        var fromGraph = string.Equals(selector.Text("source"), "graph", StringComparison.OrdinalIgnoreCase);
        var version = selector.Text("apiVersion") ?? DefaultEntitlementsVersion;
        var skipPaged = !fromGraph && version[0] is >= '1' and <= '5';
        var select = selector.List("includeFields") is { Count: > 0 } fields ? string.Join(',', fields) : null;
        var memberships = fromGraph && selector.Flag("includeGroupMemberships");
        var pages = fromGraph ? scope.ByHeaderTokenAsync((token, ct) => scope.Apis.Graph.ListUsers(selector.Text("subjectTypes"), token, ct), ct)
            : skipPaged ? scope.BySkipAsync((top, skip, ct) => scope.Apis.Entitlements.ListUserEntitlementsBySkip(version, select, top, skip, ct), null, ct)
            : scope.ByBodyTokenAsync((token, ct) => scope.Apis.Entitlements.ListUserEntitlements(version, select, token, ct), ct);
        await foreach (var page in pages)
        {
            var users = scope.Values(page, fromGraph || skipPaged ? "value" : "items");
            var built = memberships ? await WithGroupsAsync(scope, users, ct) : scope.Page(users);
            if (built is not null)
            {
                yield return built;
            }
        }
    }

    private static async Task<RawPage?> WithGroupsAsync(FetchScope scope, IEnumerable<JsonElement> users, CancellationToken ct)
    {
        var page = scope.NewPage();
        foreach (var user in users)
        {
            var groups = await GroupKinds.RelatedSubjectsAsync(scope, user.GetProperty("descriptor").GetString()!, "up", ct);
            page.Add(user, new ContextField("__groups", JsonSerializer.SerializeToElement(groups)));
        }
        return scope.Finish(page);
    }
}
