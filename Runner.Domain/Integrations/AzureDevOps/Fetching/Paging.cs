using System.Runtime.CompilerServices;
using System.Text.Json;

namespace Runner.Domain.Integrations.AzureDevOps.Fetching;

/// <summary>
/// The three ways Azure DevOps lists page. Each yields one parsed page at a time and disposes it when the
/// caller moves on, so a caller must copy what it keeps (JsonElement.Clone) before the next page.
/// </summary>
internal static class Paging
{
    private const string ContinuationHeader = "x-ms-continuationtoken";

    /// <summary>Token in the <c>x-ms-continuationtoken</c> header (any casing); the end is its absence, never a short page.</summary>
    public static async IAsyncEnumerable<JsonDocument> ByHeaderTokenAsync(
        this FetchScope scope, Func<string?, CancellationToken, Task<HttpResponseMessage>> call, [EnumeratorCancellation] CancellationToken ct)
    {
        string? token = null;
        do
        {
            ct.ThrowIfCancellationRequested();
            using var response = await scope.SendAsync(call(token, ct));
            token = NextToken(response);
            using var page = await scope.ParseAsync(response, ct);
            if (page is not null)
            {
                yield return page;
            }
        }
        while (token is not null);
    }

    /// <summary>The <c>x-ms-continuationtoken</c> header of a response; null at the end.</summary>
    public static string? NextToken(HttpResponseMessage response)
    {
        var token = response.Headers.TryGetValues(ContinuationHeader, out var values) ? values.FirstOrDefault() : null;
        return string.IsNullOrEmpty(token) ? null : token;
    }

    /// <summary>Token in the body's <c>continuationToken</c> (user entitlements); null or absent at the end.</summary>
    public static async IAsyncEnumerable<JsonDocument> ByBodyTokenAsync(
        this FetchScope scope, Func<string?, CancellationToken, Task<HttpResponseMessage>> call, [EnumeratorCancellation] CancellationToken ct)
    {
        string? token = null;
        do
        {
            ct.ThrowIfCancellationRequested();
            using var page = await scope.ReadAsync(call(token, ct), ct);
            if (page is null)
            {
                yield break;
            }
            token = page.RootElement.TryGetProperty("continuationToken", out var next) && next.ValueKind == JsonValueKind.String
                && next.GetString() is { Length: > 0 } text ? text : null;
            yield return page;
        }
        while (token is not null);
    }

    /// <summary>
    /// <c>$top</c>/<c>$skip</c> lists have no token. The service may cap <c>$top</c> silently, so only an empty
    /// page ends the list (or reaching <paramref name="maxResults"/>).
    /// </summary>
    public static async IAsyncEnumerable<JsonDocument> BySkipAsync(
        this FetchScope scope, Func<int, int, CancellationToken, Task<HttpResponseMessage>> call, int? maxResults,
        [EnumeratorCancellation] CancellationToken ct)
    {
        var skip = 0;
        while (skip < (maxResults ?? int.MaxValue))
        {
            ct.ThrowIfCancellationRequested();
            var top = Math.Min(scope.Options.PageSize, (maxResults ?? int.MaxValue) - skip);
            using var page = await scope.ReadAsync(call(top, skip, ct), ct);
            var count = page is null ? 0 : scope.Values(page).Count();
            if (count == 0)
            {
                yield break;
            }
            yield return page!;
            skip += count;
        }
    }
}
