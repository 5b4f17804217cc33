using Microsoft.Extensions.DependencyInjection.Extensions;
using Runner.Domain.LiveEvents;

namespace Microsoft.Extensions.DependencyInjection;

public static class RunnerLiveEventsExtensions
{
    /// <summary>What the Api needs: the intake (authentication, rate limit, inbox).</summary>
    public static IServiceCollection AddRunnerLiveEventsIntake(this IServiceCollection services)
    {
        services.TryAddSingleton<LiveEventMetrics>();
        return services.AddScoped<EventIntake>().AddScoped<InboxBacklog>().AddSingleton<IntakeRateLimiter>();
    }

    /// <summary>What the Worker needs: applying the inbox, and keeping subscriptions as the mappings need them, removing a deleted installation's.</summary>
    public static IServiceCollection AddRunnerLiveEventsProcessing(this IServiceCollection services)
    {
        services.TryAddSingleton<LiveEventMetrics>();
        return services.AddScoped<LiveEventApplier>().AddSingleton<UnselectedMappings>().AddScoped<LiveSubscriptionSync>().AddScoped<LiveSubscriptionRemovalJob>();
    }
}
