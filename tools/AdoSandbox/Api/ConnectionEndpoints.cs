using Runner.Tools.AdoSandbox.Data;
using Runner.Tools.AdoSandbox.Http;

namespace Runner.Tools.AdoSandbox.Api;

/// <summary>
/// <c>_apis/connectionData</c>: the cheap call Microsoft's own tools use to check that a PAT works (with
/// <c>X-TFS-FedAuthRedirect: Suppress</c>); answers who the PAT belongs to.
/// </summary>
internal static class ConnectionEndpoints
{
    public static void MapConnection(this IEndpointRouteBuilder org) =>
        org.MapGet("/_apis/connectionData", (Org org) =>
        {
            var id = org.Id(EntityKind.Tenant, 1);
            var user = new Dictionary<string, object>
            {
                ["id"] = id,
                ["descriptor"] = $"Microsoft.IdentityModel.Claims.ClaimsIdentity;{org.Id(EntityKind.Tenant, 0)}\\pat-owner@sandbox.example",
                ["subjectDescriptor"] = $"aad.{Convert.ToBase64String(id.ToByteArray()).TrimEnd('=')}",
                ["providerDisplayName"] = "Sandbox PAT owner",
                ["isActive"] = true,
                ["properties"] = new { Account = new Dictionary<string, string> { ["$type"] = "System.String", ["$value"] = "pat-owner@sandbox.example" } },
                ["resourceVersion"] = 2,
                ["metaTypeId"] = 0,
            };
            return Json.Ok(new
            {
                authenticatedUser = user,
                authorizedUser = user,
                instanceId = org.Id(EntityKind.Tenant, 2),
                deploymentId = org.Id(EntityKind.Tenant, 3),
                deploymentType = "hosted",
                locationServiceData = new { serviceOwner = "00025394-6065-48ca-87d9-7f5672854ef7", defaultAccessMappingMoniker = "PublicAccessMapping", lastChangeId = 1, lastChangeId64 = 1 },
            });
        }).WithMetadata(new AnyArea());
}
