using Microsoft.Extensions.DependencyInjection;

namespace Runner.Domain.Tenants;

public static class RunnerTenantsExtensions
{
    public static IServiceCollection AddRunnerTenants(this IServiceCollection services) =>
        services.AddScoped<TenantRegistration>().AddScoped<ApiKeyService>();
}
