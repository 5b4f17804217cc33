using System.Text.Json;
using Runner.Domain.Integrations.AzureDevOps.Api;
using Runner.Domain.Integrations.AzureDevOps.Kinds;

namespace Runner.Domain.Integrations.AzureDevOps.Fetching;

/// <summary>
/// One installation's read of its organization: streams each kind as pages of raw objects, records what made a
/// kind incomplete, and counts what it cost. Kinds may be fetched one after another or concurrently; at most
/// <see cref="AzureDevOpsOptions.MaxRequestsInFlight"/> requests are in flight across all of them.
/// </summary>
public sealed class AzureDevOpsFetchSession : IIntegrationSource
{
    private readonly AzureDevOpsApis _apis;
    private readonly AzureDevOpsOptions _options;
    private readonly ProjectSource _projects;
    private readonly IDisposable _resources;

    internal AzureDevOpsFetchSession(
        AzureDevOpsApis apis, AzureDevOpsOptions options, IReadOnlyList<string> excludedTags, AzureDevOpsFetchCounters counters, IDisposable resources)
    {
        _apis = apis;
        _options = options;
        _projects = new ProjectSource(excludedTags);
        Counters = counters;
        _resources = resources;
    }

    public AzureDevOpsFetchCounters Counters { get; }
    public FetchProblems Problems { get; } = new();

    /// <summary>False when something was left out of the kind (see <see cref="Problems"/>): don't delete what is missing.</summary>
    public bool IsComplete(string kind) => Problems.IsComplete(kind);

    public IReadOnlyList<string> ProblemsOf(string kind) => Problems.For(kind);

    public SourceCost Cost => new(Counters.Requests, Counters.Throttled, Counters.Retries, Counters.DelayHonoured);

    /// <summary>
    /// Streams the kind page by page. Throws <see cref="AzureDevOpsAuthenticationException"/> when the PAT is refused
    /// and <see cref="AzureDevOpsFetchException"/> when the kind cannot be fetched; cancellation stops at the next request.
    /// </summary>
    public IAsyncEnumerable<RawPage> FetchAsync(
        string kind, IReadOnlyDictionary<string, JsonElement> selectorOptions, CancellationToken ct = default)
    {
        if (!KindFetchers.All.TryGetValue(kind, out var fetch))
        {
            throw new ArgumentException($"'{kind}' is not an Azure DevOps kind.", nameof(kind));
        }
        var scope = new FetchScope(kind, _apis, _options, _projects, Problems, Counters);
        return fetch(scope, new SelectorOptions(selectorOptions), ct);
    }

    public void Dispose() => _resources.Dispose();
}
