using Microsoft.AspNetCore.Http.HttpResults;
using Runner.Api.Auth;
using Runner.Domain.Common;
using Runner.Domain.Resync.Runs;

namespace Runner.Api.Resync;

internal static class ResyncEndpoints
{
    public sealed record ResyncRunResponse(
        Guid Id, Guid InstallationId, ResyncTrigger Trigger, ResyncMode Mode, ResyncRunStatus Status, DateTimeOffset QueuedAt, DateTimeOffset? DueAt,
        DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt, string? Error, string? Reason, int Attempt, Guid? RetryOf, int Deferrals,
        bool CancelRequested, ResyncReport Report)
    {
        public static ResyncRunResponse From(ResyncRun run) => new(run.Id, run.InstallationId, run.Trigger, run.Mode, run.Status, run.QueuedAt, run.DueAt,
            run.StartedAt, run.FinishedAt, run.Error, run.Reason, run.Attempt, run.RetryOf, run.Deferrals, run.CancelRequested,
            run.Report);
    }

    public sealed record ResyncRunList(IReadOnlyList<ResyncRunResponse> Items, string? NextCursor);

    public static IEndpointRouteBuilder MapResyncs(this IEndpointRouteBuilder api)
    {
        var installations = api.MapGroup("/installations/{installationId:guid}/resyncs").WithTags("Resyncs").RequireKey(RunnerPolicies.TenantMember)
            .ProducesProblem(StatusCodes.Status404NotFound);
        installations.MapGet("/", ListRuns).WithSummary("List an installation's runs, newest first, a page at a time (limit, cursor)")
            .ProducesValidationProblem();
        installations.MapPost("/", TriggerRun).RequireAuthorization(RunnerPolicies.TenantAdmin)
            .WithSummary("Queue a resync; 409 with activeRunId while one is queued or running").ProducesProblem(StatusCodes.Status409Conflict);

        var runs = api.MapGroup("/resyncs").WithTags("Resyncs").RequireKey(RunnerPolicies.TenantMember)
            .ProducesProblem(StatusCodes.Status404NotFound);
        runs.MapGet("/{runId:guid}", GetRun).WithSummary("Get a run with its live per-kind progress");
        runs.MapPost("/{runId:guid}/cancel", CancelRun).RequireAuthorization(RunnerPolicies.TenantAdmin)
            .WithSummary("Cancel a run; 409 when it already finished").ProducesProblem(StatusCodes.Status409Conflict);
        return api;
    }

    /// <summary>Queues a manual resync; 409 with the active run's id while one is queued or running.</summary>
    private static async Task<Accepted<ResyncRunResponse>> TriggerRun(Guid installationId, ResyncRunService runs, CancellationToken ct)
    {
        var run = await runs.TriggerAsync(installationId, ResyncTrigger.Manual, ct);
        return TypedResults.Accepted($"/api/v1/resyncs/{run.Id}", ResyncRunResponse.From(run));
    }

    /// <summary>Newest first, 50 a page unless <c>limit</c> says otherwise.</summary>
    private static async Task<Ok<ResyncRunList>> ListRuns(Guid installationId, int? limit, string? cursor, ResyncRunService runs, CancellationToken ct)
    {
        var page = await runs.ListAsync(installationId, PageRequest.Parse(limit, cursor, defaultSize: 50), ct);
        return TypedResults.Ok(new ResyncRunList(page.Items.Select(ResyncRunResponse.From).ToList(), page.NextCursor));
    }

    /// <summary>A queued run is cancelled at once; a running one stops at its next page boundary. 409 when it already finished.</summary>
    private static async Task<Ok<ResyncRunResponse>> CancelRun(Guid runId, ResyncRunService runs, CancellationToken ct) =>
        TypedResults.Ok(ResyncRunResponse.From(await runs.CancelAsync(runId, ct)));

    private static async Task<Ok<ResyncRunResponse>> GetRun(Guid runId, ResyncRunService runs, CancellationToken ct) =>
        TypedResults.Ok(ResyncRunResponse.From(await runs.GetAsync(runId, ct)));
}
