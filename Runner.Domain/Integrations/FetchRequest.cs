using System.Text.Json;

namespace Runner.Domain.Integrations;

/// <summary>
/// What to fetch of one kind: the resource's selector options, the mapping's top-level integration options
/// (<c>useDefaultBranch</c>, <c>branch</c>) and, for an incremental run, the time objects must have changed since.
/// </summary>
public sealed record FetchRequest(
    string Kind, IReadOnlyDictionary<string, JsonElement> SelectorOptions, IReadOnlyDictionary<string, JsonElement> ConfigOptions,
    DateTimeOffset? ChangedSince = null);
