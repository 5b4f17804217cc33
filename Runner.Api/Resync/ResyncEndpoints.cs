using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Runner.Api.Auth;
using Runner.Domain.Resync;

namespace Runner.Api.Resync;

internal static class ResyncEndpoints
{
    public sealed record ResyncRunResponse(
        Guid Id, Guid InstallationId, ResyncTrigger Trigger, ResyncRunStatus Status, DateTimeOffset QueuedAt,
        DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt, string? Error, ResyncReport Report)
    {
        public static ResyncRunResponse From(ResyncRun run) => new(run.Id, run.InstallationId, run.Trigger, run.Status, run.QueuedAt,
            run.StartedAt, run.FinishedAt, run.Error, JsonSerializer.Deserialize<ResyncReport>(run.ReportJson, JsonSerializerOptions.Web)!);
    }

    public sealed record ResyncRunList(IReadOnlyList<ResyncRunResponse> Items);

    public static IEndpointRouteBuilder MapResyncs(this IEndpointRouteBuilder api)
    {
        var installations = api.MapGroup("/installations/{installationId:guid}/resyncs").WithTags("Resyncs").RequireAuthorization(RunnerPolicies.TenantMember);
        installations.MapGet("/", ListRuns);
        installations.MapPost("/", TriggerRun).RequireAuthorization(RunnerPolicies.TenantAdmin);

        api.MapGroup("/resyncs").WithTags("Resyncs").RequireAuthorization(RunnerPolicies.TenantMember)
            .MapGet("/{runId:guid}", GetRun);
        return api;
    }

    /// <summary>Queues a manual resync; 409 with the active run's id while one is queued or running.</summary>
    private static async Task<Accepted<ResyncRunResponse>> TriggerRun(Guid installationId, ResyncRuns runs, CancellationToken ct)
    {
        var run = await runs.TriggerAsync(installationId, ResyncTrigger.Manual, ct);
        return TypedResults.Accepted($"/api/v1/resyncs/{run.Id}", ResyncRunResponse.From(run));
    }

    private static async Task<Ok<ResyncRunList>> ListRuns(Guid installationId, ResyncRuns runs, CancellationToken ct) =>
        TypedResults.Ok(new ResyncRunList((await runs.ListAsync(installationId, 50, ct)).Select(ResyncRunResponse.From).ToList()));

    private static async Task<Ok<ResyncRunResponse>> GetRun(Guid runId, ResyncRuns runs, CancellationToken ct) =>
        TypedResults.Ok(ResyncRunResponse.From(await runs.GetAsync(runId, ct)));
}
