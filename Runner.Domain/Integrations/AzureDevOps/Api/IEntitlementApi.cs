using Refit;

namespace Runner.Domain.Integrations.AzureDevOps.Api;

/// <summary>User entitlements (vsaex host): from api-version 6 a body continuation token, before that <c>top</c>/<c>skip</c>.</summary>
internal interface IEntitlementApi
{
    [Get("/_apis/userentitlements")]
    Task<HttpResponseMessage> ListUserEntitlements(
        [AliasAs("api-version")] string apiVersion, string? select, string? continuationToken, CancellationToken ct);

    [Get("/_apis/userentitlements")]
    Task<HttpResponseMessage> ListUserEntitlementsBySkip(
        [AliasAs("api-version")] string apiVersion, string? select, int top, int skip, CancellationToken ct);
}
