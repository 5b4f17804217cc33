using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Runner.Domain.Integrations.AzureDevOps.Fetching;
using static Runner.Domain.Integrations.AzureDevOps.Kinds.Parents;

namespace Runner.Domain.Integrations.AzureDevOps.Kinds;

/// <summary>
/// pull-request, per repository as Ocean does: every active PR, then completed and abandoned ones closed in the
/// last <c>minTimeInDays</c> (default 7), at most <c>maxResults</c> (default 100) of each per repository.
/// </summary>
internal static class PullRequestKind
{
    private static readonly string[] ClosedStatuses = ["completed", "abandoned"];

    public static IAsyncEnumerable<RawPage> PullRequestsAsync(FetchScope scope, SelectorOptions selector, CancellationToken ct)
    {
        var closedSince = DateTimeOffset.UtcNow.AddDays(-selector.Positive("minTimeInDays", 7)).ToString("o", CultureInfo.InvariantCulture);
        var maxClosed = selector.Positive("maxResults", 100);
        return FanOut.MergeAsync(
            Parents.RepositoriesAsync(scope, ct), scope.Options.ParallelParents,
            (repository, ct) => OfRepositoryAsync(scope, repository, closedSince, maxClosed, ct), ct);
    }

    private static async IAsyncEnumerable<RawPage> OfRepositoryAsync(
        FetchScope scope, JsonElement repository, string closedSince, int maxClosed, [EnumeratorCancellation] CancellationToken ct)
    {
        var project = RepositoryKinds.ProjectOf(repository);
        var passes = ClosedStatuses.Select(status => (Status: status, Range: (string?)"closed", Since: (string?)closedSince, Max: (int?)maxClosed))
            .Prepend(("active", null, null, null));
        foreach (var (status, range, since, max) in passes)
        {
            var pages = scope.BySkipAsync(
                (top, skip, ct) => scope.Apis.Git.ListPullRequests(project, Id(repository), status, range, since, top, skip, ct), max, ct);
            await foreach (var page in pages)
            {
                if (scope.Page(scope.Values(page)) is { } built)
                {
                    yield return built;
                }
            }
        }
    }
}
