using Runner.Tools.AdoSandbox.Data;
using Runner.Tools.AdoSandbox.Http;

namespace Runner.Tools.AdoSandbox.Api;

/// <summary>
/// vssps graph users: opaque continuation token in the header, no $top (the service picks the page size).
/// Every generated user is an Entra ("aad") user, so a <c>subjectTypes</c> filter without aad returns nobody.
/// </summary>
internal static class GraphEndpoints
{
    private const int ServicePageSize = 500;

    public static void MapGraph(this IEndpointRouteBuilder org) =>
        org.MapGet("/_apis/graph/users", ListUsers).RequirePreview().InArea(ApiArea.Graph);

    private static IResult ListUsers(HttpContext context, Org org, string? continuationToken, string? subjectTypes)
    {
        var urls = Urls.For(context, org);
        var includesAad = subjectTypes is null
            || subjectTypes.Split(',', StringSplitOptions.TrimEntries).Contains("aad", StringComparer.OrdinalIgnoreCase);
        var (items, next) = Paging.Continue(
            includesAad ? org.Options.Users : 0, continuationToken, Math.Min(ServicePageSize, org.Options.MaxPageSize), TokenStyle.Opaque,
            i => UserData.GraphUser(org, urls, (int)i));
        return Paging.List(context, items, next);
    }
}
