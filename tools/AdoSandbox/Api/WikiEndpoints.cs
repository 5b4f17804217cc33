using System.Diagnostics.CodeAnalysis;
using Runner.Tools.AdoSandbox.Data;
using Runner.Tools.AdoSandbox.Http;

namespace Runner.Tools.AdoSandbox.Api;

/// <summary>Wikis (no paging), POST pagesbatch (body <c>top</c> + <c>continuationToken</c>, next token in the header)
/// and one page by id or path, with <c>includeContent</c>.</summary>
internal static class WikiEndpoints
{
    private const int PagesBatchLimit = 100;

    public sealed record PagesBatchRequest(int? Top, string? ContinuationToken, int? PageViewsForDays);

    public static void MapWikis(this IEndpointRouteBuilder org)
    {
        org.MapGet("/{project}/_apis/wiki/wikis", List);
        org.MapGet("/{project}/_apis/wiki/wikis/{wiki}", Get);
        org.MapPost("/{project}/_apis/wiki/wikis/{wiki}/pagesbatch", PagesBatch);
        org.MapGet("/{project}/_apis/wiki/wikis/{wiki}/pages/{pageId:int}", GetPage);
        org.MapGet("/{project}/_apis/wiki/wikis/{wiki}/pages", GetPageByPath);
    }

    private static IResult List(HttpContext context, Org org, string project)
    {
        if (!org.TryFindProject(project, out var p))
        {
            return AdoErrors.ProjectNotFound(project);
        }

        var urls = Urls.For(context, org);
        return Json.List(Enumerable.Range(0, WikiData.WikisPerProject).Select(w => WikiData.Wiki(org, urls, p, w)).OfType<object>().ToList());
    }

    private static IResult Get(HttpContext context, Org org, string project, string wiki) =>
        TryWiki(org, project, wiki, out var p, out var w, out var error) ? Json.Ok(WikiData.Wiki(org, Urls.For(context, org), p, w)!) : error;

    private static IResult PagesBatch(HttpContext context, Org org, string project, string wiki, PagesBatchRequest request)
    {
        if (!TryWiki(org, project, wiki, out var p, out var w, out var error))
        {
            return error;
        }

        if (request.Top is not (>= 1 and <= PagesBatchLimit))
        {
            return AdoErrors.BadRequest($"The top value must be between 1 and {PagesBatchLimit}.", "InvalidArgumentValueException");
        }

        var (items, next) = Paging.Continue(
            org.Options.WikiPagesPerWiki, request.ContinuationToken, Math.Min(request.Top.Value, org.Options.MaxPageSize), TokenStyle.Opaque,
            k => WikiData.PageLive(org, p, w, (int)k) ? WikiData.PageSummary((int)k) : null);
        return Paging.List(context, items, next);
    }

    private static IResult GetPage(HttpContext context, Org org, string project, string wiki, int pageId, bool? includeContent) =>
        TryWiki(org, project, wiki, out var p, out var w, out var error)
            ? Page(context, org, p, w, pageId - 1, includeContent == true)
            : error;

    private static IResult GetPageByPath(HttpContext context, Org org, string project, string wiki, string? path, bool? includeContent)
    {
        if (!TryWiki(org, project, wiki, out var p, out var w, out var error))
        {
            return error;
        }

        var k = Enumerable.Range(0, org.Options.WikiPagesPerWiki).FirstOrDefault(k => string.Equals(WikiData.PagePath(k), path ?? "/Home", StringComparison.OrdinalIgnoreCase), -1);
        return Page(context, org, p, w, k, includeContent == true);
    }

    private static IResult Page(HttpContext context, Org org, int p, int w, int k, bool withContent)
    {
        if (!WikiData.PageLive(org, p, w, k))
        {
            return AdoErrors.Result(404, $"VS402629: The page '{k + 1}' specified in the add operation does not exist.", "WikiPageNotFoundException");
        }

        context.Response.Headers.ETag = $"\"{Deterministic.Sha(org.Seed + k, EntityKind.WikiPage, WikiData.Index(p, w))}\"";
        return Json.Ok(WikiData.Page(org, Urls.For(context, org), p, w, k, withContent));
    }

    private static bool TryWiki(Org org, string project, string wiki, out int p, out int w, [NotNullWhen(false)] out IResult? error)
    {
        w = -1;
        error = !org.TryFindProject(project, out p) ? AdoErrors.ProjectNotFound(project)
            : !WikiData.TryFind(org, p, wiki, out w) ? AdoErrors.Result(404, $"VS402632: The wiki '{wiki}' does not exist.", "WikiNotFoundException")
            : null;
        return error is null;
    }
}
