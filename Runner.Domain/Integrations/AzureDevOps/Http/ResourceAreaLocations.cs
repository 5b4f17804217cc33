using System.Buffers;
using System.Text.Json;

namespace Runner.Domain.Integrations.AzureDevOps.Http;

/// <summary>
/// Where one session's organization serves each area, learnt once from <c>GET {org}/_apis/resourceAreas</c>
/// (each area's <c>locationUrl</c>, as Microsoft's clients do) on the first request to an area host, and the
/// cloud naming of <see cref="AzureDevOpsHosts"/> for any area the answer does not name or when it fails.
/// </summary>
internal sealed class ResourceAreaLocations(AzureDevOpsHosts fallback, HttpClient core)
{
    // The organization's server is the tenant's to choose: its answer is read up to this size, else ignored.
    private const int MaxAnswerBytes = 256 * 1024;

    // Area names in the resourceAreas answer (its ids are stable too, but Advanced Security's is not documented).
    private static readonly Dictionary<string, ResourceArea> Names = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Release"] = ResourceArea.Release,
        ["Graph"] = ResourceArea.Graph,
        ["MemberEntitlementManagement"] = ResourceArea.Entitlements,
        ["AdvancedSecurity"] = ResourceArea.AdvancedSecurity,
    };

    private readonly Lazy<Task<AzureDevOpsHosts>> _hosts = new(() => LookUpAsync(fallback, core));

    public AzureDevOpsHosts Fallback => fallback;

    /// <summary>The session's hosts; the look-up is shared by every caller, so one caller's cancellation only stops its wait.</summary>
    public Task<AzureDevOpsHosts> GetAsync(CancellationToken ct) => _hosts.Value.WaitAsync(ct);

    private static async Task<AzureDevOpsHosts> LookUpAsync(AzureDevOpsHosts fallback, HttpClient core)
    {
        try
        {
            using var response = await core.GetAsync($"{core.BaseAddress!.AbsolutePath.TrimEnd('/')}/_apis/resourceAreas?api-version=7.1-preview.1", HttpCompletionOption.ResponseHeadersRead);
            if (!response.IsSuccessStatusCode)
            {
                return fallback;
            }
            await using var body = await response.Content.ReadAsStreamAsync();
            // Pooled: a fresh 256 kB array per session was a large-object-heap allocation every run.
            var buffer = ArrayPool<byte>.Shared.Rent(MaxAnswerBytes + 1);
            try
            {
                var length = await body.ReadAtLeastAsync(buffer.AsMemory(0, MaxAnswerBytes + 1), MaxAnswerBytes + 1, throwOnEndOfStream: false);
                if (length > MaxAnswerBytes)
                {
                    return fallback;
                }
                using var answer = JsonDocument.Parse(buffer.AsMemory(0, length));
                return Apply(fallback, answer.RootElement);
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
        catch (Exception e) when (e is HttpRequestException or JsonException or IOException or AzureDevOpsUnreachableException or TaskCanceledException)
        {
            // An organization that cannot say (an old server, a proxy, a fault) is served where the cloud would serve it.
            return fallback;
        }
    }

    /// <summary>The fallback hosts with each area the answer names at an absolute http(s) URL replaced by that URL.</summary>
    internal static AzureDevOpsHosts Apply(AzureDevOpsHosts fallback, JsonElement answer)
    {
        if (answer.ValueKind != JsonValueKind.Object || !answer.TryGetProperty("value", out var areas) || areas.ValueKind != JsonValueKind.Array)
        {
            return fallback;
        }
        var hosts = fallback;
        foreach (var area in areas.EnumerateArray())
        {
            if (area.ValueKind == JsonValueKind.Object
                && area.TryGetProperty("name", out var name) && name.ValueKind == JsonValueKind.String
                && Names.TryGetValue(name.GetString()!, out var known)
                && area.TryGetProperty("locationUrl", out var location) && location.ValueKind == JsonValueKind.String
                && Uri.TryCreate(location.GetString(), UriKind.Absolute, out var url)
                && (url.Scheme == Uri.UriSchemeHttps || url.Scheme == Uri.UriSchemeHttp))
            {
                var trimmed = new Uri(url.GetLeftPart(UriPartial.Path).TrimEnd('/'));
                hosts = known switch
                {
                    ResourceArea.Release => hosts with { Release = trimmed },
                    ResourceArea.Graph => hosts with { Graph = trimmed },
                    ResourceArea.Entitlements => hosts with { Entitlements = trimmed },
                    _ => hosts with { AdvancedSecurity = trimmed },
                };
            }
        }
        return hosts;
    }
}
