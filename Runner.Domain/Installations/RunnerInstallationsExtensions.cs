using Runner.Domain.Installations;
using Runner.Domain.LiveEvents;

namespace Microsoft.Extensions.DependencyInjection;

public static class RunnerInstallationsExtensions
{
    public static IServiceCollection AddRunnerInstallations(this IServiceCollection services)
    {
        services.AddOptionsWithValidateOnStart<LiveEventsOptions>().BindConfiguration(LiveEventsOptions.SectionName).ValidateDataAnnotations();
        return services.AddScoped<InstallationService>().AddScoped<WebhookCredentials>().AddScoped<InstallationEntitiesCleanupJob>();
    }
}
