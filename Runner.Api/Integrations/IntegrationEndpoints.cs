using Microsoft.AspNetCore.Http.HttpResults;
using Runner.Api.Auth;
using Runner.Domain.Integrations;

namespace Runner.Api.Integrations;

internal static class IntegrationEndpoints
{
    /// <summary>An integration type with everything the wizard needs to render its forms.</summary>
    public sealed record IntegrationResponse(
        string Type,
        string Title,
        string Description,
        IReadOnlyList<string> InstallationMethods,
        IReadOnlyList<KindDefinition> Kinds,
        IReadOnlyList<SettingDefinition> Settings,
        IReadOnlyList<SettingDefinition> ApplicationSettings);

    public sealed record IntegrationList(IReadOnlyList<IntegrationResponse> Items);

    public static IEndpointRouteBuilder MapIntegrations(this IEndpointRouteBuilder api)
    {
        api.MapGroup("/integrations").WithTags("Integrations").RequireKey(RunnerPolicies.TenantMember)
            .MapGet("/", ListIntegrations).WithSummary("List integration types with the settings the wizard renders");
        return api;
    }

    private static Ok<IntegrationList> ListIntegrations() =>
        TypedResults.Ok(new IntegrationList(IntegrationCatalog.All
            .Select(i => new IntegrationResponse(i.Type, i.Title, i.Description, i.InstallationMethods, i.Kinds, i.Settings, ApplicationSettingsSchema.Settings))
            .ToList()));
}
