using Hangfire;
using Hangfire.PostgreSql;
using Microsoft.Extensions.Options;
using Runner.Domain.Persistence;

namespace Microsoft.Extensions.DependencyInjection;

public static class RunnerJobsExtensions
{
    public const string HangfireSchema = "hangfire";

    /// <summary>Hangfire on Runner's PostgreSQL (schema <c>hangfire</c>). The Api enqueues; only the Worker runs a server.</summary>
    public static IServiceCollection AddRunnerJobStorage(this IServiceCollection services)
    {
        services.AddHangfire((sp, config) => config
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UsePostgreSqlStorage(
                storage => storage.UseNpgsqlConnection(sp.GetRequiredService<IOptions<DatabaseOptions>>().Value.ConnectionString),
                new PostgreSqlStorageOptions
                {
                    SchemaName = HangfireSchema,
                    // The migrate command installs the schema; Api and Worker never race to do it.
                    PrepareSchemaIfNecessary = false,
                    // A killed Worker's job becomes visible to others within minutes, not half an hour.
                    // 1 s instead of 15 s: a manual resync starts promptly (hangfire-baseline.md "fast").
                    QueuePollInterval = TimeSpan.FromSeconds(1),
                    UseSlidingInvisibilityTimeout = true,
                    InvisibilityTimeout = TimeSpan.FromMinutes(5),
                }));
        return services;
    }
}
