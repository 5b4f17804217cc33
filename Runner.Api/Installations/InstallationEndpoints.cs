using Microsoft.AspNetCore.Http.HttpResults;
using Runner.Api.Auth;
using Runner.Domain.Installations;

namespace Runner.Api.Installations;

internal static class InstallationEndpoints
{
    public static IEndpointRouteBuilder MapInstallations(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/installations").WithTags("Installations").RequireAuthorization(RunnerPolicies.TenantMember);
        group.MapGet("/", ListInstallations);
        group.MapGet("/{id:guid}", GetInstallation);
        group.MapPost("/", CreateInstallation).RequireAuthorization(RunnerPolicies.TenantAdmin);
        group.MapPatch("/{id:guid}", UpdateInstallation).RequireAuthorization(RunnerPolicies.TenantAdmin);
        group.MapDelete("/{id:guid}", DeleteInstallation).RequireAuthorization(RunnerPolicies.TenantAdmin);
        return api;
    }

    private static async Task<Ok<InstallationList>> ListInstallations(InstallationService installations, CancellationToken ct) =>
        TypedResults.Ok(new InstallationList((await installations.ListAsync(ct)).Select(InstallationResponse.From).ToList()));

    private static async Task<Ok<InstallationResponse>> GetInstallation(Guid id, InstallationService installations, CancellationToken ct) =>
        TypedResults.Ok(InstallationResponse.From(await installations.GetAsync(id, ct)));

    private static async Task<Created<InstallationResponse>> CreateInstallation(NewInstallation request, InstallationService installations, CancellationToken ct)
    {
        var installation = await installations.CreateAsync(request, ct);
        return TypedResults.Created($"/api/v1/installations/{installation.Id}", InstallationResponse.From(installation));
    }

    private static async Task<Ok<InstallationResponse>> UpdateInstallation(Guid id, InstallationChanges request, InstallationService installations, CancellationToken ct) =>
        TypedResults.Ok(InstallationResponse.From(await installations.UpdateAsync(id, request, ct)));

    private static async Task<NoContent> DeleteInstallation(Guid id, InstallationService installations, CancellationToken ct)
    {
        await installations.DeleteAsync(id, ct);
        return TypedResults.NoContent();
    }
}
