using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Runner.Api.Auth;
using Runner.Api.Errors;
using Runner.Domain.Common;
using Runner.Domain.Mapping;

namespace Runner.Api.Mapping;

/// <summary>An installation's mapping (Port app config as YAML or JSON), its raw examples, and the mapping tester.</summary>
internal static class MappingEndpoints
{
    public sealed record RawExampleResponse(int Position, JsonElement Data, DateTimeOffset CapturedAt);

    public sealed record RawExampleList(string Kind, IReadOnlyList<RawExampleResponse> Items);

    public sealed record MappingTestRequest(string? Kind, string? Mapping);

    public sealed record MappingTestResponse(string Kind, IReadOnlyList<MappingTester.ExampleOutcome> Examples);

    public static IEndpointRouteBuilder MapInstallationMapping(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/installations/{id:guid}").WithTags("Mapping").RequireKey(RunnerPolicies.TenantMember)
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/mapping", GetMapping).WithSummary("Get the installation's mapping as it was saved (YAML or JSON)")
            .Produces<string>(StatusCodes.Status200OK, "application/yaml", "application/json");
        group.MapPut("/mapping", PutMapping).RequireAuthorization(RunnerPolicies.TenantAdmin)
            .WithSummary("Replace the mapping; 400 naming each expression that does not compile")
            .Accepts<string>("application/yaml", "text/yaml", "application/json", "text/plain")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status413PayloadTooLarge);
        group.MapGet("/kinds/{kind}/examples", ListExamples).WithSummary("List the raw examples of a kind kept by the last resync");
        group.MapPost("/mapping/test", TestMapping).WithSummary("Map the stored examples of a kind with a given mapping; writes nothing")
            .ProducesJsonBodyProblems();
        return api;
    }

    private static async Task<ContentHttpResult> GetMapping(Guid id, InstallationMapping mapping, CancellationToken ct)
    {
        var text = await mapping.GetAsync(id, ct);
        return TypedResults.Text(text, text.TrimStart().StartsWith('{') ? "application/json" : "application/yaml", Encoding.UTF8);
    }

    /// <summary>Saves the mapping if it parses and every jq expression compiles; otherwise 400 naming each broken expression.</summary>
    private static async Task<NoContent> PutMapping(Guid id, HttpRequest request, InstallationMapping mapping, CancellationToken ct)
    {
        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        var text = await reader.ReadToEndAsync(ct);
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new ValidationFailedException(new Dictionary<string, string[]> { ["body"] = ["must be a Port app config in YAML or JSON"] });
        }
        await mapping.SaveAsync(id, text, ct);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<RawExampleList>> ListExamples(Guid id, string kind, RawExamples examples, CancellationToken ct)
    {
        var stored = await examples.ListAsync(id, kind, ct);
        return TypedResults.Ok(new RawExampleList(kind, stored.Select(e => new RawExampleResponse(e.Position, JsonDocument.Parse(e.DataJson).RootElement, e.CapturedAt)).ToList()));
    }

    /// <summary>Runs the given mapping's resources of one kind over the stored examples; writes nothing.</summary>
    private static async Task<Ok<MappingTestResponse>> TestMapping(Guid id, MappingTestRequest request, MappingTester tester, CancellationToken ct) =>
        TypedResults.Ok(new MappingTestResponse(request.Kind ?? "", await tester.TestAsync(id, request.Kind, request.Mapping, ct)));
}
