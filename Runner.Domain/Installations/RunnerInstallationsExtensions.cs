using Microsoft.Extensions.DependencyInjection;

namespace Runner.Domain.Installations;

public static class RunnerInstallationsExtensions
{
    public static IServiceCollection AddRunnerInstallations(this IServiceCollection services) =>
        services.AddScoped<InstallationService>();
}
