using Microsoft.Extensions.DependencyInjection;

namespace Runner.Domain.Egress;

public static class RunnerEgressExtensions
{
    public static IServiceCollection AddRunnerEgress(this IServiceCollection services)
    {
        services.AddOptionsWithValidateOnStart<EgressOptions>()
            .BindConfiguration(EgressOptions.SectionName)
            .Validate(o => o.Addresses.All(EgressOptions.IsValidAddress), "Runner:Egress:Addresses must hold IP addresses only.");
        return services;
    }
}
