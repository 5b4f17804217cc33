using System.Collections.Concurrent;

namespace Runner.Domain.Integrations.AzureDevOps.Fetching;

/// <summary>
/// Problems that left a kind incomplete without stopping it (a sub-resource's 404, a malformed page). A resync
/// must not delete catalog entities of an incomplete kind: their absence may be ours, not the organization's.
/// </summary>
public sealed class FetchProblems
{
    private readonly ConcurrentDictionary<string, ConcurrentQueue<string>> _byKind = new(StringComparer.Ordinal);

    public IReadOnlyList<string> For(string kind) => _byKind.TryGetValue(kind, out var problems) ? [.. problems] : [];

    public bool IsComplete(string kind) => !_byKind.ContainsKey(kind);

    internal void Add(string kind, string problem) => _byKind.GetOrAdd(kind, _ => new ConcurrentQueue<string>()).Enqueue(problem);
}
