using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Runner.Domain.Egress;
using Runner.Domain.Integrations;
using Runner.Domain.Integrations.AzureDevOps;
using Runner.Domain.Integrations.AzureDevOps.Budget;
using Runner.Domain.Integrations.AzureDevOps.Fetching;
using Runner.Domain.Integrations.AzureDevOps.Http;

namespace Microsoft.Extensions.DependencyInjection;

public static class RunnerAzureDevOpsExtensions
{
    /// <summary>The Azure DevOps client (one handler pipeline, one throttle per organization, the session factory) and its connector.</summary>
    public static IServiceCollection AddRunnerAzureDevOps(this IServiceCollection services)
    {
        services.AddOptionsWithValidateOnStart<AzureDevOpsOptions>().BindConfiguration(AzureDevOpsOptions.SectionName).ValidateDataAnnotations();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<OrganizationThrottles>();
        services.TryAddTransient<OrganizationThrottleHandler>();
        services.AddRunnerEgress();
        var client = services.AddHttpClient(AzureDevOpsHttp.ClientName)
            // Every connection binds an egress address of the installation and passes the SSRF guard (Egress/).
            .ConfigurePrimaryHttpMessageHandler(sp => new EgressRoutingHandler(sp.GetRequiredService<EgressPool>()))
            // The factory's own request logging is Information-level (off in every environment's settings) yet opened a
            // log scope and formatted the URI on every request; traces and metrics of outbound calls come from OpenTelemetry.
            .RemoveAllLoggers();
        // Order matters: the throttle handler sits inside the retries, so every attempt waits, counts and holds a slot.
        client.AddResilienceHandler(AzureDevOpsHttp.ClientName, AzureDevOpsResilience.Configure);
        client.AddHttpMessageHandler<OrganizationThrottleHandler>();
        services.TryAddSingleton(sp => new AzureDevOpsFetchSessionFactory(
            sp.GetRequiredService<IHttpMessageHandlerFactory>(),
            sp.GetRequiredService<OrganizationThrottles>(),
            sp.GetRequiredService<IOptions<AzureDevOpsOptions>>()));
        services.AddScoped<IIntegrationConnector, AzureDevOpsConnector>();
        services.TryAddScoped<IntegrationSources>();
        return services;
    }

    /// <summary>
    /// Shares each organization's request budget (pauses, and the <c>OrganizationRequestsPerSecond</c> ceiling) with
    /// every process on the same PostgreSQL; needs <c>AddRunnerPersistence</c>.
    /// </summary>
    public static IServiceCollection AddRunnerSharedRateBudget(this IServiceCollection services)
    {
        services.TryAddSingleton<SharedRateBudget>();
        return services;
    }
}
