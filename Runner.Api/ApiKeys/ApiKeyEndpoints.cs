using Microsoft.AspNetCore.Http.HttpResults;
using Runner.Api.Auth;
using Runner.Api.Errors;
using Runner.Domain.Tenants;

namespace Runner.Api.ApiKeys;

internal static class ApiKeyEndpoints
{
    public sealed record CreateApiKeyRequest(string? Name, string? Role);

    public sealed record ApiKeyResponse(Guid Id, string Name, ApiKeyRole Role, string Prefix, DateTimeOffset CreatedAt)
    {
        public static ApiKeyResponse From(ApiKey key) => new(key.Id, key.Name, key.Role, key.Prefix, key.CreatedAt);
    }

    public sealed record CreatedApiKeyResponse(Guid Id, string Name, ApiKeyRole Role, string Prefix, DateTimeOffset CreatedAt, string ApiKey);

    public sealed record ApiKeyList(IReadOnlyList<ApiKeyResponse> Items);

    public static IEndpointRouteBuilder MapApiKeys(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/api-keys").WithTags("API keys").RequireKey(RunnerPolicies.TenantMember);
        group.MapGet("/", ListApiKeys).WithSummary("List the tenant's API keys (never the keys themselves)");
        group.MapPost("/", CreateApiKey).RequireAuthorization(RunnerPolicies.TenantAdmin)
            .WithSummary("Create an API key; the response shows it this once").ProducesJsonBodyProblems();
        group.MapDelete("/{id:guid}", DeleteApiKey).RequireAuthorization(RunnerPolicies.TenantAdmin)
            .WithSummary("Delete an API key; the last admin key is refused with 409")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        return api;
    }

    private static async Task<Ok<ApiKeyList>> ListApiKeys(ApiKeyService keys, CancellationToken ct) =>
        TypedResults.Ok(new ApiKeyList((await keys.ListAsync(ct)).Select(ApiKeyResponse.From).ToList()));

    /// <summary>The response carries the key, shown this once; only its hash is stored.</summary>
    private static async Task<Created<CreatedApiKeyResponse>> CreateApiKey(CreateApiKeyRequest request, ApiKeyService keys, CancellationToken ct)
    {
        var (key, secret) = await keys.CreateAsync(request.Name, request.Role, ct);
        return TypedResults.Created($"/api/v1/api-keys/{key.Id}",
            new CreatedApiKeyResponse(key.Id, key.Name, key.Role, key.Prefix, key.CreatedAt, secret));
    }

    private static async Task<NoContent> DeleteApiKey(Guid id, ApiKeyService keys, CancellationToken ct)
    {
        await keys.DeleteAsync(id, ct);
        return TypedResults.NoContent();
    }
}
