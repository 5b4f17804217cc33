using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Runner.Domain.Integrations.AzureDevOps.Fetching;
using Runner.Domain.Integrations.AzureDevOps.Http;

namespace Runner.Domain.Integrations.AzureDevOps;

public static class RunnerAzureDevOpsExtensions
{
    /// <summary>The Azure DevOps client: one handler pipeline, one throttle per organization, and the session factory.</summary>
    public static IServiceCollection AddRunnerAzureDevOps(this IServiceCollection services)
    {
        services.AddOptionsWithValidateOnStart<AzureDevOpsOptions>().BindConfiguration(AzureDevOpsOptions.SectionName).ValidateDataAnnotations();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<OrganizationThrottles>();
        services.TryAddTransient<OrganizationThrottleHandler>();
        var client = services.AddHttpClient(AzureDevOpsHttp.ClientName)
            // The seam for egress binding: a later change swaps this for a SocketsHttpHandler with a ConnectCallback.
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
                AutomaticDecompression = DecompressionMethods.All,
            });
        // Order matters: the throttle handler sits inside the retries, so every attempt waits, counts and holds a slot.
        client.AddResilienceHandler(AzureDevOpsHttp.ClientName, AzureDevOpsResilience.Configure);
        client.AddHttpMessageHandler<OrganizationThrottleHandler>();
        services.TryAddSingleton(sp => new AzureDevOpsFetchSessionFactory(
            sp.GetRequiredService<IHttpMessageHandlerFactory>(),
            sp.GetRequiredService<OrganizationThrottles>(),
            sp.GetRequiredService<IOptions<AzureDevOpsOptions>>()));
        return services;
    }
}
