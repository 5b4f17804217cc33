using Runner.Domain.Installations;

namespace Microsoft.Extensions.DependencyInjection;

public static class RunnerInstallationsExtensions
{
    public static IServiceCollection AddRunnerInstallations(this IServiceCollection services) =>
        services.AddScoped<InstallationService>();
}
