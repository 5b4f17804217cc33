using System.Net;
using System.Runtime.ExceptionServices;
using System.Text.Json;
using Refit;
using Runner.Domain.Egress;
using Runner.Domain.Integrations.AzureDevOps.Api;
using Runner.Domain.Integrations.AzureDevOps.Http;

namespace Runner.Domain.Integrations.AzureDevOps.Fetching;

/// <summary>
/// One kind being fetched within a session: the APIs, settings, and how responses become JSON or problems.
/// A 404 or a malformed body is a problem of this kind (it goes on incomplete); any other failure throws.
/// Every object is stamped with <c>__organizationUrl</c> and <c>__organizationName</c>, as Ocean's client does.
/// </summary>
internal sealed class FetchScope(
    FetchRequest request, AzureDevOpsApis apis, AzureDevOpsOptions options, ProjectSource projects, FetchProblems problems,
    AzureDevOpsFetchCounters counters, ContextField[] organization)
{
    public string Kind => request.Kind;
    public AzureDevOpsApis Apis => apis;
    public AzureDevOpsOptions Options => options;
    public ProjectSource Projects => projects;

    /// <summary>The mapping's top-level integration options (<c>useDefaultBranch</c>, <c>branch</c>).</summary>
    public SelectorOptions Config { get; } = new(request.ConfigOptions);

    /// <summary>What Azure DevOps said when it last refused a service hooks call (HTTP 403).</summary>
    public string? LastRefusal { get; set; }

    /// <summary>Set for an incremental run: only objects changed since then are wanted.</summary>
    public DateTimeOffset? ChangedSince => request.ChangedSince;

    public void Problem(string message) => problems.Add(Kind, message);

    /// <summary>An object left out on purpose; the kind stays complete.</summary>
    public void Skip(string reason) => problems.Skip(Kind, reason);

    public PageBuilder NewPage() => new(Kind, organization);

    public RawPage? Finish(PageBuilder page)
    {
        counters.AddObjects(page.Count);
        return page.Build();
    }

    /// <summary>One page holding every object of <paramref name="items"/> with the same context; null when empty.</summary>
    public RawPage? Page(IEnumerable<JsonElement> items, params ReadOnlySpan<ContextField> context)
    {
        var page = NewPage();
        foreach (var item in items)
        {
            page.Add(item, context);
        }
        return Finish(page);
    }

    public async Task<JsonDocument?> ReadAsync(Task<HttpResponseMessage> call, CancellationToken ct)
    {
        using var response = await SendAsync(call);
        return await ParseAsync(response, ct);
    }

    public async Task<HttpResponseMessage> SendAsync(Task<HttpResponseMessage> call)
    {
        try
        {
            return await call;
        }
        catch (ApiRequestException e) when (e.InnerException is AzureDevOpsAuthenticationException refused)
        {
            // Refit wraps handler exceptions; callers catch the authentication failure by its own type.
            ExceptionDispatchInfo.Throw(refused);
            throw;
        }
        catch (ApiRequestException e) when (e.InnerException is EgressRefusedException refused)
        {
            ExceptionDispatchInfo.Throw(refused);
            throw;
        }
        catch (ApiRequestException e) when (e.InnerException is AzureDevOpsUnreachableException unreachable)
        {
            throw new AzureDevOpsFetchException(Kind, unreachable.RequestPath, null, unreachable.InnerException);
        }
    }

    public async Task<JsonDocument?> ParseAsync(HttpResponseMessage response, CancellationToken ct)
    {
        var path = response.RequestMessage?.RequestUri?.AbsolutePath ?? "";
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            Problem($"{path} answered HTTP 404; its objects are missing.");
            return null;
        }
        if (!response.IsSuccessStatusCode)
        {
            throw new AzureDevOpsFetchException(Kind, path, (int)response.StatusCode);
        }
        try
        {
            await using var body = await response.Content.ReadAsStreamAsync(ct);
            return await JsonDocument.ParseAsync(body, cancellationToken: ct);
        }
        catch (JsonException)
        {
            Problem($"{path} returned a malformed page; its objects are missing.");
            return null;
        }
    }

    /// <summary>The list in a response (<c>value</c>, or <c>items</c> for entitlements); a missing list is a problem.</summary>
    public IEnumerable<JsonElement> Values(JsonDocument document, string property = "value")
    {
        if (document.RootElement.ValueKind == JsonValueKind.Object
            && document.RootElement.TryGetProperty(property, out var list) && list.ValueKind == JsonValueKind.Array)
        {
            return list.EnumerateArray();
        }
        Problem($"A response had no '{property}' list; its objects are missing.");
        return [];
    }
}
