using System.Text.Json;
using Runner.Domain.Integrations.AzureDevOps.Api;
using Runner.Domain.Integrations.AzureDevOps.Kinds;

namespace Runner.Domain.Integrations.AzureDevOps.Fetching;

/// <summary>
/// One installation's read of its organization: streams each kind as pages of raw objects, records what made a
/// kind incomplete, and counts what it cost. Kinds may be fetched one after another or concurrently; at most
/// <see cref="AzureDevOpsOptions.MaxRequestsInFlight"/> requests are in flight across all of them.
/// </summary>
public sealed class AzureDevOpsFetchSession : IIntegrationSource, ILiveEventSource, LiveEvents.ILiveSubscriptions
{
    private readonly AzureDevOpsApis _apis;
    private readonly AzureDevOpsOptions _options;
    private readonly ProjectSource _projects;
    private readonly IDisposable _resources;
    private readonly ContextField[] _organization;

    internal AzureDevOpsFetchSession(
        AzureDevOpsApis apis, AzureDevOpsOptions options, Uri organizationUrl, IReadOnlyList<string> excludedTags, AzureDevOpsFetchCounters counters,
        IDisposable resources)
    {
        _organization = OrganizationStamp(organizationUrl);
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

    public IReadOnlyDictionary<string, long> SkippedOf(string kind) => Problems.SkippedOf(kind);

    public SourceCost Cost => new(Counters.Requests, Counters.Throttled, Counters.Retries, Counters.DelayHonoured);

    /// <summary>
    /// Streams the kind page by page. Throws <see cref="AzureDevOpsAuthenticationException"/> when the PAT is refused
    /// and <see cref="AzureDevOpsFetchException"/> when the kind cannot be fetched; cancellation stops at the next request.
    /// </summary>
    public IAsyncEnumerable<RawPage> FetchAsync(
        string kind, IReadOnlyDictionary<string, JsonElement> selectorOptions, CancellationToken ct = default) =>
        FetchAsync(new FetchRequest(kind, selectorOptions, new Dictionary<string, JsonElement>()), ct);

    /// <inheritdoc cref="FetchAsync(string, IReadOnlyDictionary{string, JsonElement}, CancellationToken)"/>
    public IAsyncEnumerable<RawPage> FetchAsync(FetchRequest request, CancellationToken ct = default)
    {
        if (!AzureDevOpsKinds.ByName.TryGetValue(request.Kind, out var kind))
        {
            throw new ArgumentException($"'{request.Kind}' is not an Azure DevOps kind.", nameof(request));
        }
        var scope = new FetchScope(request, _apis, _options, _projects, Problems, Counters, _organization);
        return kind.Fetch(scope, new SelectorOptions(request.SelectorOptions), ct);
    }

    /// <summary>Name: the first label of <c>{org}.visualstudio.com</c>, otherwise the URL's last path segment.</summary>
    private static ContextField[] OrganizationStamp(Uri organizationUrl)
    {
        var url = organizationUrl.GetLeftPart(UriPartial.Path).TrimEnd('/');
        var name = organizationUrl.Host.EndsWith(".visualstudio.com", StringComparison.OrdinalIgnoreCase)
            ? organizationUrl.Host.Split('.')[0]
            : url[(url.LastIndexOf('/') + 1)..];
        return [new("__organizationUrl", JsonSerializer.SerializeToElement(url)), new("__organizationName", JsonSerializer.SerializeToElement(name))];
    }

    /// <summary>A service hook delivery's objects, re-fetched (see <see cref="Events.EventObjects"/>).</summary>
    public Task<IReadOnlyList<LiveObject>> ResolveAsync(JsonElement delivery, CancellationToken ct) =>
        Events.EventObjects.ResolveAsync(ScopeFor("live-event"), delivery, ct);

    public Task<LiveEvents.SubscriptionsOutcome> SyncAsync(Uri callback, string userName, string password,
        IReadOnlyList<LiveEvents.AzureDevOpsEvents.EventType> wanted, CancellationToken ct) =>
        Events.HookSubscriptions.SyncAsync(ScopeFor("service-hooks"), callback, userName, password, wanted, ct);

    // Live events and subscriptions are not a kind's fetch: no selector or app-config options apply.
    private FetchScope ScopeFor(string purpose) =>
        new(new FetchRequest(purpose, NoOptions, NoOptions), _apis, _options, _projects, Problems, Counters, _organization);

    private static readonly Dictionary<string, JsonElement> NoOptions = [];

    public void Dispose() => _resources.Dispose();
}
