using Runner.Tools.AdoSandbox.Data;
using Runner.Tools.AdoSandbox.Http;

namespace Runner.Tools.AdoSandbox.Api;

/// <summary>
/// <c>_apis/resourceAreas</c>: where each API area is served, as clients are told to look it up. With
/// <see cref="SandboxOptions.AreaHosts"/> the areas with a cloud host of their own answer at <c>{area}.localhost</c>
/// on the sandbox's port (loopback by RFC 6761); otherwise every area is at the organization URL, like Azure DevOps Server.
/// </summary>
internal static class ResourceAreaEndpoints
{
    // Microsoft's published area ids; Advanced Security's is not published, so that one is the sandbox's own.
    private static readonly (string Id, string Name, ApiArea Area)[] Areas =
    [
        ("79134c72-4a58-4b42-976c-04e7115f32bf", "core", ApiArea.Core),
        ("4e080c62-fa21-4fbc-8fef-2a10a2b38049", "git", ApiArea.Core),
        ("5d6898bb-45ec-463f-95f9-54d49c71752e", "build", ApiArea.Core),
        ("efc2f575-36ef-48e9-b672-0c6fb4a48ac5", "Release", ApiArea.Release),
        ("bb1e7ec9-e901-4b68-999a-de7012b920f8", "Graph", ApiArea.Graph),
        ("68ddce18-2501-45f1-a17b-7931a9922690", "MemberEntitlementManagement", ApiArea.Entitlements),
        ("f3e8a4ef-7ad5-4fe5-9d73-5b4ef0f3a6d1", "AdvancedSecurity", ApiArea.AdvancedSecurity),
    ];

    public static void MapResourceAreas(this IEndpointRouteBuilder org) =>
        org.MapGet("/_apis/resourceAreas", (HttpContext context, Org org) =>
        {
            var request = context.Request;
            var port = request.Host.Port ?? context.Connection.LocalPort;
            string LocationOf(ApiArea area) => org.Options.AreaHosts && area != ApiArea.Core
                ? $"{request.Scheme}://{area.Name}.localhost:{port}/{org.Options.Organization}/"
                : $"{Urls.For(context, org).Base}/";
            var value = Areas.Select(a => new { id = a.Id, name = a.Name, locationUrl = LocationOf(a.Area) }).ToList();
            return Json.Ok(new { count = value.Count, value });
        }).WithMetadata(new AnyArea());
}
