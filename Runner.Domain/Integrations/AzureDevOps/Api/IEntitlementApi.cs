using Refit;

namespace Runner.Domain.Integrations.AzureDevOps.Api;

/// <summary>User entitlements (vsaex host, continuation token in the body).</summary>
internal interface IEntitlementApi
{
    [Get("/_apis/userentitlements?api-version=7.1")]
    Task<HttpResponseMessage> ListUserEntitlements(string? continuationToken, CancellationToken ct);
}
