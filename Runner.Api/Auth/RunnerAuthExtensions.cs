using Microsoft.AspNetCore.Authentication;
using Runner.Api.Auth;

namespace Microsoft.Extensions.DependencyInjection;

internal static class RunnerAuthExtensions
{
    public static IServiceCollection AddRunnerAuth(this IServiceCollection services)
    {
        services.AddOptionsWithValidateOnStart<BootstrapOptions>().BindConfiguration(BootstrapOptions.SectionName).ValidateDataAnnotations();
        services.AddOptionsWithValidateOnStart<FailedAuthenticationOptions>().BindConfiguration(FailedAuthenticationOptions.SectionName).ValidateDataAnnotations();
        services.AddSingleton<FailedAuthenticationThrottle>();
        services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        services.AddAuthorizationBuilder()
            .AddPolicy(RunnerPolicies.Operator, p => p.RequireRole(RunnerClaims.OperatorRole))
            .AddPolicy(RunnerPolicies.TenantMember, p => p.RequireClaim(RunnerClaims.TenantId))
            .AddPolicy(RunnerPolicies.TenantAdmin, p => p.RequireClaim(RunnerClaims.TenantId).RequireRole(RunnerClaims.AdminRole));
        services.AddRunnerTenants();
        return services;
    }

    public static IApplicationBuilder UseRunnerAuth(this IApplicationBuilder app) =>
        app.UseAuthentication().UseMiddleware<TenantScopeMiddleware>().UseAuthorization();
}
