using Runner.Domain.Tenants;

namespace Runner.Api.Auth;

/// <summary>Puts the authenticated key's tenant into the request scope, where every query is filtered by it.</summary>
internal sealed class TenantScopeMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context, TenantContext tenant)
    {
        if (context.User.FindFirst(RunnerClaims.TenantId)?.Value is { } tenantId)
        {
            tenant.Set(Guid.Parse(tenantId));
        }
        return next(context);
    }
}
