using Microsoft.Extensions.DependencyInjection;

namespace Runner.Domain.Catalog;

public static class RunnerCatalogExtensions
{
    public static IServiceCollection AddRunnerCatalog(this IServiceCollection services) =>
        services.AddScoped<DefaultBlueprints>().AddScoped<CatalogBatchWriter>().AddScoped<CatalogReconciler>()
            .AddScoped<BlueprintService>().AddScoped<CatalogQueries>();
}
