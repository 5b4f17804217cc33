using System.Net;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Runner.Domain.Integrations.AzureDevOps.Api;
using Runner.Domain.Integrations.AzureDevOps.Fetching;
using static Runner.Domain.Integrations.AzureDevOps.Kinds.Parents;

namespace Runner.Domain.Integrations.AzureDevOps.Kinds;

/// <summary>
/// advanced-security-alert, per enabled repository on the advsec host, with <c>__repository</c>. Selector
/// <c>criteria</c>: <c>states</c>, <c>severity</c> (string or list), <c>alertType</c>; an incremental run adds
/// <c>modifiedSince</c>. A repository without Advanced Security answers 400: it is skipped and counted, not a failure.
/// </summary>
internal static class AlertKind
{
    public const string AdvancedSecurityOff = "repository without Advanced Security";

    public static IAsyncEnumerable<RawPage> AlertsAsync(FetchScope scope, SelectorOptions selector, CancellationToken ct)
    {
        var criteria = selector.Object("criteria");
        var query = new AlertCriteria
        {
            States = Joined(criteria, "states"),
            Severities = Joined(criteria, "severity"),
            AlertType = criteria?.Text("alertType"),
            ModifiedSince = scope.ChangedSince is { } since ? ReleaseKinds.Time(since) : null,
        };
        return FanOut.MergeAsync(Parents.RepositoriesAsync(scope, ct), scope.Options.ParallelParents, (repository, ct) => OfRepositoryAsync(scope, repository, query, ct), ct);
    }

    private static string? Joined(SelectorOptions? criteria, string name) => criteria?.List(name) is { Count: > 0 } values ? string.Join(',', values) : null;

    private static async IAsyncEnumerable<RawPage> OfRepositoryAsync(
        FetchScope scope, JsonElement repository, AlertCriteria criteria, [EnumeratorCancellation] CancellationToken ct)
    {
        string? token = null;
        do
        {
            using var response = await scope.SendAsync(scope.Apis.Alerts.ListAlerts(
                RepositoryKinds.ProjectOf(repository), Id(repository), scope.Options.PageSize, token, criteria, ct));
            if (response.StatusCode == HttpStatusCode.BadRequest && token is null)
            {
                scope.Skip(AdvancedSecurityOff);
                yield break;
            }
            token = Paging.NextToken(response);
            using var page = await scope.ParseAsync(response, ct);
            if (page is not null && scope.Page(scope.Values(page), Context("__repository", repository)) is { } built)
            {
                yield return built;
            }
        }
        while (token is not null);
    }
}
