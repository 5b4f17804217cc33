using Runner.Domain.Mapping;
using Runner.Domain.Resync;
using Runner.Domain.Resync.Execution;
using Runner.Domain.Resync.Incremental;
using Runner.Domain.Resync.Runs;
using Runner.Domain.Resync.Scheduling;

namespace Microsoft.Extensions.DependencyInjection;

public static class RunnerResyncExtensions
{
    /// <summary>What the Api needs: mappings (with raw examples and the tester), the run queue, runs (trigger, cancel, read) and schedules.</summary>
    public static IServiceCollection AddRunnerResync(this IServiceCollection services)
    {
        services.AddOptionsWithValidateOnStart<ResyncOptions>().BindConfiguration(ResyncOptions.SectionName).ValidateDataAnnotations()
            .Validate(o => o.HeartbeatInterval > TimeSpan.Zero && o.HeartbeatTimeout > o.HeartbeatInterval * 2,
                "Runner:Resync:HeartbeatTimeout must be more than twice Runner:Resync:HeartbeatInterval.")
            .Validate(o => o.QueuedJobGrace > TimeSpan.Zero, "Runner:Resync:QueuedJobGrace must be positive.")
            .Validate(o => o.RunRetention >= ResyncOptions.ShortestRunRetention,
                $"Runner:Resync:RunRetention must be at least {ResyncOptions.ShortestRunRetention.TotalDays} days (the longest full-resync interval and a day).");
        return services.AddRunnerMapping().AddScoped<RunQueue>().AddScoped<ResyncRunService>().AddScoped<ResyncScheduler>();
    }

    /// <summary>What the Worker needs on top: the jobs, the pipeline a run executes, and the sweeps.</summary>
    public static IServiceCollection AddRunnerResyncExecution(this IServiceCollection services) =>
        services.AddRunnerResync()
            .AddScoped<ResyncJob>().AddScoped<ScheduledResyncJob>().AddScoped<ResyncPipeline>().AddScoped<IncrementalPlan>().AddScoped<ResourceSync>()
            .AddScoped<ResyncRunRecorder>().AddScoped<ResyncReconciliation>()
            .AddSingleton<ResyncHeartbeats>().AddSingleton<QueuedRunSweep>().AddSingleton<FinishedRunPruning>().AddSingleton<ResyncMetrics>().AddSingleton<CompiledMappings>();
}
