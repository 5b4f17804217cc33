using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Runner.Api.Auth;
using Runner.Domain.Persistence;
using Runner.Domain.Tenants;

namespace Runner.Api.Tenants;

/// <summary>Who the presented key is: the console needs it to choose between the operator's page and a tenant's, and to hide admin actions from members.</summary>
internal static class MeEndpoints
{
    public sealed record MeResponse(string Role, Guid? TenantId, string? TenantName);

    public static IEndpointRouteBuilder MapMe(this IEndpointRouteBuilder api)
    {
        // Any valid key, the operator's included: it learns nothing here but its own role.
        api.MapGroup("/me").WithTags("Tenants").RequireKey().MapGet("/", GetMe).WithSummary("Say who the presented key is: role and tenant");
        return api;
    }

    private static async Task<Ok<MeResponse>> GetMe(ClaimsPrincipal user, TenantContext tenant, RunnerDbContext db, CancellationToken ct)
    {
        var role = user.FindFirstValue(ClaimTypes.Role) ?? RunnerClaims.MemberRole;
        if (!tenant.HasTenant)
        {
            return TypedResults.Ok(new MeResponse(role, null, null));
        }
        var name = await db.Tenants.AsNoTracking().Where(t => t.Id == tenant.TenantId).Select(t => t.Name).SingleAsync(ct);
        return TypedResults.Ok(new MeResponse(role, tenant.TenantId, name));
    }
}
