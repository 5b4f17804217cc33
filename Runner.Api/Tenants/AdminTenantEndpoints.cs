using Microsoft.AspNetCore.Http.HttpResults;
using Runner.Api.Auth;
using Runner.Api.Errors;
using Runner.Domain.Tenants;

namespace Runner.Api.Tenants;

internal static class AdminTenantEndpoints
{
    public sealed record CreateTenantRequest(string? Name);

    public sealed record CreatedTenantResponse(Guid Id, string Name, string ApiKey);

    public static IEndpointRouteBuilder MapAdminTenants(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/admin/tenants").WithTags("Admin").RequireKey(RunnerPolicies.Operator);
        group.MapPost("/", CreateTenant).WithSummary("Create a tenant; the response shows its first admin key this once").ProducesJsonBodyProblems();
        return api;
    }

    /// <summary>Creates a tenant; the response carries its first admin key, shown this once.</summary>
    private static async Task<Created<CreatedTenantResponse>> CreateTenant(CreateTenantRequest request, TenantRegistration registration, CancellationToken ct)
    {
        var created = await registration.CreateAsync(request.Name, ct);
        return TypedResults.Created($"/api/v1/admin/tenants/{created.Tenant.Id}",
            new CreatedTenantResponse(created.Tenant.Id, created.Tenant.Name, created.ApiKey));
    }
}
