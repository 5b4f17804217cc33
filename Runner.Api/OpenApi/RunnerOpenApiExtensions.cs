using Runner.Api.OpenApi;

namespace Microsoft.Extensions.DependencyInjection;

internal static class RunnerOpenApiExtensions
{
    /// <summary>/openapi/v1.json: described tags, the two key schemes, and on every operation its id, key and error responses.</summary>
    public static IServiceCollection AddRunnerOpenApi(this IServiceCollection services) =>
        services.AddOpenApi(o =>
        {
            o.AddDocumentTransformer<ApiDocumentTransformer>();
            o.AddOperationTransformer<OperationContractTransformer>();
        });
}
