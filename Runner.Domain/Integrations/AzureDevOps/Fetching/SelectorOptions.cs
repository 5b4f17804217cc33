using System.Globalization;
using System.Text.Json;

namespace Runner.Domain.Integrations.AzureDevOps.Fetching;

/// <summary>
/// Typed reads of a selector's kind-specific options. Port configs often quote scalars (<c>defaultTeam: 'true'</c>),
/// so strings holding a boolean or number are accepted as well.
/// </summary>
internal sealed class SelectorOptions(IReadOnlyDictionary<string, JsonElement> values)
{
    public bool Flag(string name, bool fallback = false) => values.TryGetValue(name, out var value)
        ? value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.String when bool.TryParse(value.GetString(), out var parsed) => parsed,
            _ => fallback,
        }
        : fallback;

    public int Positive(string name, int fallback) => values.TryGetValue(name, out var value)
        ? value.ValueKind switch
        {
            JsonValueKind.Number when value.TryGetInt32(out var number) && number > 0 => number,
            JsonValueKind.String when int.TryParse(value.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) && parsed > 0 => parsed,
            _ => fallback,
        }
        : fallback;

    public string? Text(string name) =>
        values.TryGetValue(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text ? text : null;

    /// <summary>A nested object option (<c>files</c>, <c>criteria</c>, <c>codeCoverage</c>) read the same way; null when absent.</summary>
    public SelectorOptions? Object(string name) => values.TryGetValue(name, out var value) && value.ValueKind == JsonValueKind.Object
        ? new SelectorOptions(value.EnumerateObject().ToDictionary(p => p.Name, p => p.Value, StringComparer.Ordinal))
        : null;

    /// <summary>The elements of a list option; empty when absent or not a list.</summary>
    public IReadOnlyList<JsonElement> Elements(string name) =>
        values.TryGetValue(name, out var value) && value.ValueKind == JsonValueKind.Array ? [.. value.EnumerateArray()] : [];

    public IReadOnlyList<string> List(string name) => values.TryGetValue(name, out var value)
        ? value.ValueKind switch
        {
            JsonValueKind.Array => [.. value.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!)],
            JsonValueKind.String => [value.GetString()!],
            _ => [],
        }
        : [];
}
