using Runner.Domain.Catalog;

namespace Microsoft.Extensions.DependencyInjection;

public static class RunnerCatalogExtensions
{
    public static IServiceCollection AddRunnerCatalog(this IServiceCollection services) =>
        services.AddScoped<DefaultBlueprints>().AddScoped<CatalogWriter>()
            .AddScoped<BlueprintService>().AddScoped<CatalogQueries>();
}
