using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using Runner.Domain.Catalog;
using Runner.Domain.Persistence;
using Runner.Domain.Tenants;

namespace Microsoft.Extensions.DependencyInjection;

public static class RunnerPersistenceExtensions
{
    public const string ReadyTag = "ready";

    public static IServiceCollection AddRunnerPersistence(this IServiceCollection services)
    {
        services.AddOptionsWithValidateOnStart<DatabaseOptions>().BindConfiguration(DatabaseOptions.SectionName).ValidateDataAnnotations();
        services.AddSingleton(sp => new NpgsqlDataSourceBuilder(sp.GetRequiredService<IOptions<DatabaseOptions>>().Value.ConnectionString)
            .UseLoggerFactory(sp.GetRequiredService<ILoggerFactory>())
            .ConfigureTracing(tracing => tracing.ConfigureBatchFilter(CatalogWriter.TracedByNpgsql))
            .Build());
        services.AddDbContext<RunnerDbContext>((sp, options) => options
            .UseNpgsql(sp.GetRequiredService<NpgsqlDataSource>(), npgsql => npgsql.MigrationsHistoryTable("__ef_migrations_history", RunnerDbContext.Schema))
            .UseSnakeCaseNamingConvention());
        services.AddScoped<TenantContext>();
        services.AddSingleton(TimeProvider.System);
        services.AddScoped<DatabaseMigrator>();
        services.AddHealthChecks().AddCheck<DatabaseReadyHealthCheck>("database", tags: [ReadyTag]);
        return services;
    }
}
