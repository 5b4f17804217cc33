using System.Collections.Concurrent;

namespace Runner.Domain.Integrations.AzureDevOps.Fetching;

/// <summary>
/// Problems that left a kind incomplete without stopping it (a sub-resource's 404, a malformed page). A resync
/// must not delete catalog entities of an incomplete kind: their absence may be ours, not the organization's.
/// Skips are different: objects left out on purpose, counted by reason, which leave the kind complete.
/// </summary>
public sealed class FetchProblems
{
    private readonly ConcurrentDictionary<string, ConcurrentQueue<string>> _byKind = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string Kind, string Reason), long> _skipped = new();

    public IReadOnlyList<string> For(string kind) => _byKind.TryGetValue(kind, out var problems) ? [.. problems] : [];

    public bool IsComplete(string kind) => !_byKind.ContainsKey(kind);

    public IReadOnlyDictionary<string, long> SkippedOf(string kind) =>
        _skipped.Where(s => s.Key.Kind == kind).ToDictionary(s => s.Key.Reason, s => s.Value, StringComparer.Ordinal);

    internal void Add(string kind, string problem) => _byKind.GetOrAdd(kind, _ => new ConcurrentQueue<string>()).Enqueue(problem);

    internal void Skip(string kind, string reason) => _skipped.AddOrUpdate((kind, reason), 1, (_, n) => n + 1);
}
