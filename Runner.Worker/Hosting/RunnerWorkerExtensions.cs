using Hangfire;
using Hangfire.Common;
using Microsoft.Extensions.Options;
using Runner.Domain.Resync.Scheduling;
using Runner.Worker.Hosting;
using Runner.Worker.LiveEvents;
using Runner.Worker.Resync;

namespace Microsoft.Extensions.DependencyInjection;

internal static class RunnerWorkerExtensions
{
    /// <summary>The Worker is the only process that hosts a Hangfire server.</summary>
    public static IServiceCollection AddRunnerWorker(this IServiceCollection services)
    {
        services.AddOptionsWithValidateOnStart<WorkerOptions>().BindConfiguration(WorkerOptions.SectionName).ValidateDataAnnotations();
        services.AddRunnerJobStorage();
        services.AddHangfireServer((sp, server) =>
        {
            server.WorkerCount = sp.GetRequiredService<IOptions<WorkerOptions>>().Value.WorkerCount;
            server.ServerName = $"runner-worker:{Environment.MachineName}:{Environment.ProcessId}";
            // Hangfire's global filters, and the one that tells a scheduled run when Hangfire fired it.
            server.FilterProvider = new JobFilterProviderCollection(JobFilterProviders.Providers, new JobFilterCollection { JobCreationTime.Filter });
        });
        services.AddHostedService<ScheduleRepair>();
        services.AddHostedService<RunSweeper>();
        services.AddHostedService<LiveEventProcessor>();
        services.AddHostedService<LiveSubscriptionChecker>();
        return services;
    }
}
