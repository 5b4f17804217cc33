using Runner.Tools.AdoSandbox.Data;
using Runner.Tools.AdoSandbox.Http;

namespace Runner.Tools.AdoSandbox.Api;

/// <summary>
/// vsaex user entitlements. From api-version 6.0 the page is <c>{items, continuationToken, totalCount}</c> with the
/// token in the body (null at the end); older versions return the usual envelope paged by <c>top</c>/<c>skip</c>.
/// </summary>
internal static class EntitlementEndpoints
{
    public static void MapEntitlements(this IEndpointRouteBuilder org) =>
        org.MapGet("/_apis/userentitlements", ListEntitlements).InArea(ApiArea.Entitlements);

    private static IResult ListEntitlements(HttpContext context, Org org, string? continuationToken, int? top, int? skip)
    {
        var urls = Urls.For(context, org);
        var version = context.Request.Query["api-version"].ToString();
        if (version.Length > 0 && version[0] is >= '1' and <= '5')
        {
            var visible = Enumerable.Range(0, org.Options.Users).Select(u => UserData.Entitlement(org, urls, u)).OfType<object>();
            return Json.List(Paging.Skip(visible, org.Options, skip, top));
        }
        var (items, next) = Paging.Continue(
            org.Options.Users, continuationToken, Paging.Top(org.Options, null), TokenStyle.Opaque,
            i => UserData.Entitlement(org, urls, (int)i));
        var totalCount = Enumerable.Range(0, org.Options.Users).Count(org.UserLive);
        return Json.Ok(new { items, continuationToken = next, totalCount });
    }
}
