using Runner.Domain.Tenants;

namespace Microsoft.Extensions.DependencyInjection;

public static class RunnerTenantsExtensions
{
    public static IServiceCollection AddRunnerTenants(this IServiceCollection services) =>
        services.AddScoped<TenantRegistration>().AddScoped<ApiKeyService>();
}
