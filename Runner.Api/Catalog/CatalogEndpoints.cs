using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using Runner.Api.Auth;
using Runner.Api.Errors;
using Runner.Domain.Catalog;

namespace Runner.Api.Catalog;

internal static class CatalogEndpoints
{
    public sealed record BlueprintList(IReadOnlyList<JsonNode> Items);

    public sealed record EntityResponse(
        string Blueprint, string Identifier, string? Title, string? Icon, JsonNode? Team, JsonNode Properties, JsonNode Relations,
        Guid? InstallationId, bool Placeholder, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
    {
        public static EntityResponse From(CatalogEntity e) => new(e.Blueprint, e.Identifier, e.Title, e.Icon,
            e.TeamJson is null ? null : JsonNode.Parse(e.TeamJson), JsonNode.Parse(e.PropertiesJson)!, JsonNode.Parse(e.RelationsJson)!,
            e.InstallationId, e.IsPlaceholder, e.CreatedAt, e.UpdatedAt);
    }

    public sealed record EntityPage(IReadOnlyList<EntityResponse> Items, string? NextCursor);

    public static IEndpointRouteBuilder MapCatalog(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/blueprints").WithTags("Catalog").RequireKey(RunnerPolicies.TenantMember);
        group.MapGet("/", ListBlueprints).WithSummary("List the tenant's blueprints (Port format)");
        group.MapGet("/{blueprint}", GetBlueprint).WithSummary("Get a blueprint").ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPut("/{blueprint}", PutBlueprint).RequireAuthorization(RunnerPolicies.TenantAdmin)
            .WithSummary("Create or replace a blueprint").ProducesJsonBodyProblems();
        group.MapGet("/{blueprint}/entities", ListEntities).WithSummary("List a blueprint's entities by identifier, a page at a time (limit, cursor)")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/{blueprint}/entities/{identifier}", GetEntity).WithSummary("Get an entity").ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    private static async Task<Ok<BlueprintList>> ListBlueprints(BlueprintService blueprints, CancellationToken ct) =>
        TypedResults.Ok(new BlueprintList((await blueprints.ListAsync(ct)).Select(b => JsonNode.Parse(b.DefinitionJson)!).ToList()));

    private static async Task<Ok<JsonNode>> GetBlueprint(string blueprint, BlueprintService blueprints, CancellationToken ct) =>
        TypedResults.Ok(JsonNode.Parse((await blueprints.GetAsync(blueprint, ct)).DefinitionJson)!);

    private static async Task<Ok<JsonNode>> PutBlueprint(string blueprint, JsonElement body, BlueprintService blueprints, CancellationToken ct) =>
        TypedResults.Ok(JsonNode.Parse((await blueprints.PutAsync(blueprint, body, ct)).DefinitionJson)!);

    private static async Task<Ok<EntityPage>> ListEntities(string blueprint, Guid? installationId, string? search, int? limit, string? cursor,
        CatalogQueries catalog, CancellationToken ct)
    {
        var page = await catalog.ListAsync(blueprint, installationId, search, limit, cursor, ct);
        return TypedResults.Ok(new EntityPage(page.Items.Select(EntityResponse.From).ToList(), page.NextCursor));
    }

    private static async Task<Ok<EntityResponse>> GetEntity(string blueprint, string identifier, CatalogQueries catalog, CancellationToken ct) =>
        TypedResults.Ok(EntityResponse.From(await catalog.GetAsync(blueprint, identifier, ct)));
}
