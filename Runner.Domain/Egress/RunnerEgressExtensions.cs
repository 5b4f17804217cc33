using Microsoft.Extensions.DependencyInjection.Extensions;
using Runner.Domain.Egress;

namespace Microsoft.Extensions.DependencyInjection;

public static class RunnerEgressExtensions
{
    /// <summary>Egress options and the per-address handlers; safe to call from every integration that needs them.</summary>
    public static IServiceCollection AddRunnerEgress(this IServiceCollection services)
    {
        if (services.Any(d => d.ServiceType == typeof(EgressPool)))
        {
            return services;
        }
        services.AddOptionsWithValidateOnStart<EgressOptions>()
            .BindConfiguration(EgressOptions.SectionName)
            .Validate(o => o.Addresses.All(EgressOptions.IsValidAddress), "Runner:Egress:Addresses must hold IP addresses only.");
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<EgressPool>();
        return services;
    }
}
