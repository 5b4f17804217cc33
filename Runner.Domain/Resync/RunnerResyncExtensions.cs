using Microsoft.Extensions.DependencyInjection;
using Runner.Domain.Installations;
using Runner.Domain.Mapping;

namespace Runner.Domain.Resync;

public static class RunnerResyncExtensions
{
    /// <summary>What the Api needs: runs (trigger and read), mappings, raw examples and the mapping tester.</summary>
    public static IServiceCollection AddRunnerResync(this IServiceCollection services) =>
        services.AddScoped<ResyncRuns>().AddScoped<RawExamples>().AddScoped<InstallationMapping>().AddScoped<MappingTester>();

    /// <summary>What the Worker needs on top: the engine that executes a run.</summary>
    public static IServiceCollection AddRunnerResyncEngine(this IServiceCollection services) =>
        services.AddRunnerResync()
            .AddScoped<ResyncJob>().AddScoped<ResyncEngine>().AddScoped<ResourceSync>()
            .AddScoped<ResyncRunRecorder>().AddScoped<ResyncReconciliation>();
}
