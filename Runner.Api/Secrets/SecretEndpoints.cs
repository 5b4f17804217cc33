using Microsoft.AspNetCore.Http.HttpResults;
using Runner.Api.Auth;
using Runner.Api.Errors;
using Runner.Domain.Secrets;

namespace Runner.Api.Secrets;

internal static class SecretEndpoints
{
    public sealed record CreateSecretRequest(string? Name, string? Value)
    {
        public override string ToString() => $"CreateSecretRequest {{ Name = {Name} }}";
    }

    public sealed record RotateSecretRequest(string? Value)
    {
        public override string ToString() => nameof(RotateSecretRequest);
    }

    /// <summary>What the API says about a secret: never its value.</summary>
    public sealed record SecretResponse(string Name, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, IReadOnlyList<SecretStore.InstallationRef> UsedBy);

    public sealed record SecretList(IReadOnlyList<SecretResponse> Items);

    public static IEndpointRouteBuilder MapSecrets(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/secrets").WithTags("Secrets").RequireKey(RunnerPolicies.TenantMember);
        group.MapGet("/", ListSecrets).WithSummary("List the tenant's secrets with the installations using each (never values)");
        group.MapPost("/", CreateSecret).RequireAuthorization(RunnerPolicies.TenantAdmin)
            .WithSummary("Create a secret; 409 when the name is taken").ProducesJsonBodyProblems().ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPut("/{name}", RotateSecret).RequireAuthorization(RunnerPolicies.TenantAdmin)
            .WithSummary("Replace a secret's value").ProducesJsonBodyProblems().ProducesProblem(StatusCodes.Status404NotFound);
        group.MapDelete("/{name}", DeleteSecret).RequireAuthorization(RunnerPolicies.TenantAdmin)
            .WithSummary("Delete a secret; 409 while an installation uses it")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        return api;
    }

    private static async Task<Ok<SecretList>> ListSecrets(SecretStore secrets, CancellationToken ct) =>
        TypedResults.Ok(new SecretList((await secrets.ListAsync(ct)).Select(s => Describe(s.Secret, s.UsedBy)).ToList()));

    private static async Task<Created<SecretResponse>> CreateSecret(CreateSecretRequest request, SecretStore secrets, CancellationToken ct)
    {
        var secret = await secrets.CreateAsync(request.Name, request.Value, ct);
        return TypedResults.Created($"/api/v1/secrets/{secret.Name}", Describe(secret, []));
    }

    private static async Task<Ok<SecretResponse>> RotateSecret(string name, RotateSecretRequest request, SecretStore secrets, CancellationToken ct)
    {
        var secret = await secrets.RotateAsync(name, request.Value, ct);
        return TypedResults.Ok(Describe(secret, await secrets.UsedByAsync(secret.Id, ct)));
    }

    private static async Task<NoContent> DeleteSecret(string name, SecretStore secrets, CancellationToken ct)
    {
        await secrets.DeleteAsync(name, ct);
        return TypedResults.NoContent();
    }

    private static SecretResponse Describe(Secret secret, IReadOnlyList<SecretStore.InstallationRef> usedBy) =>
        new(secret.Name, secret.CreatedAt, secret.UpdatedAt, usedBy);
}
