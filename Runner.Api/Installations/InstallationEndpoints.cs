using Microsoft.AspNetCore.Http.HttpResults;
using Runner.Api.Auth;
using Runner.Api.Errors;
using Runner.Domain.Common;
using Microsoft.Extensions.Options;
using Runner.Domain.Installations;
using Runner.Domain.LiveEvents;
using Runner.Domain.Resync.Runs;
using Runner.Domain.Resync.Scheduling;

namespace Runner.Api.Installations;

internal static class InstallationEndpoints
{
    public static IEndpointRouteBuilder MapInstallations(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/installations").WithTags("Installations").RequireKey(RunnerPolicies.TenantMember);
        group.MapGet("/", ListInstallations).WithSummary("List installations, oldest first, a page at a time (limit, cursor)")
            .ProducesValidationProblem();
        group.MapGet("/{id:guid}", GetInstallation).WithSummary("Get an installation with its next resync and last run")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/", CreateInstallation).RequireAuthorization(RunnerPolicies.TenantAdmin)
            .WithSummary("Create an installation, schedule it and queue its first resync").ProducesJsonBodyProblems()
            .ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPatch("/{id:guid}", UpdateInstallation).RequireAuthorization(RunnerPolicies.TenantAdmin)
            .WithSummary("Change the named fields of an installation and reschedule it").ProducesJsonBodyProblems()
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        group.MapDelete("/{id:guid}", DeleteInstallation).RequireAuthorization(RunnerPolicies.TenantAdmin)
            .WithSummary("Delete an installation, unschedule it and delete its entities in the background (keepEntities=true keeps them)").ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    private static async Task<Ok<InstallationList>> ListInstallations(int? limit, string? cursor, InstallationService installations, ResyncRunService runs,
        InboxBacklog inbox, ResyncScheduler scheduler, IOptions<LiveEventsOptions> liveEvents, CancellationToken ct)
    {
        var page = await installations.ListAsync(PageRequest.Parse(limit, cursor, defaultSize: 100), ct);
        var ids = page.Items.Select(i => i.Id).ToList();
        var latest = await runs.LatestAsync(ids, ct);
        var backlog = await inbox.OfAsync(ids, ct);
        return TypedResults.Ok(new InstallationList(
            page.Items.Select(i => InstallationResponse.From(i, liveEvents.Value, backlog.GetValueOrDefault(i.Id), scheduler.NextResyncAt(i), latest.GetValueOrDefault(i.Id))).ToList(),
            page.NextCursor));
    }

    private static async Task<Ok<InstallationResponse>> GetInstallation(Guid id, InstallationService installations, ResyncRunService runs, InboxBacklog inbox, ResyncScheduler scheduler, IOptions<LiveEventsOptions> liveEvents, CancellationToken ct) =>
        TypedResults.Ok(await DescribeAsync(await installations.GetAsync(id, ct), runs, inbox, scheduler, liveEvents, ct));

    /// <summary>Creates the installation, schedules it and queues its first resync.</summary>
    private static async Task<Created<InstallationResponse>> CreateInstallation(NewInstallation request, InstallationService installations, ResyncRunService runs,
        InboxBacklog inbox, ResyncScheduler scheduler, IOptions<LiveEventsOptions> liveEvents, CancellationToken ct)
    {
        var installation = await installations.CreateAsync(request, ct);
        return TypedResults.Created($"/api/v1/installations/{installation.Id}", await DescribeAsync(installation, runs, inbox, scheduler, liveEvents, ct));
    }

    private static async Task<Ok<InstallationResponse>> UpdateInstallation(Guid id, InstallationChanges request, InstallationService installations, ResyncRunService runs,
        InboxBacklog inbox, ResyncScheduler scheduler, IOptions<LiveEventsOptions> liveEvents, CancellationToken ct) =>
        TypedResults.Ok(await DescribeAsync(await installations.UpdateAsync(id, request, ct), runs, inbox, scheduler, liveEvents, ct));

    private static async Task<InstallationResponse> DescribeAsync(Installation installation, ResyncRunService runs, InboxBacklog inbox, ResyncScheduler scheduler,
        IOptions<LiveEventsOptions> liveEvents, CancellationToken ct) =>
        InstallationResponse.From(installation, liveEvents.Value, (await inbox.OfAsync([installation.Id], ct)).GetValueOrDefault(installation.Id),
            scheduler.NextResyncAt(installation), (await runs.LatestAsync([installation.Id], ct)).GetValueOrDefault(installation.Id));

    private static async Task<NoContent> DeleteInstallation(Guid id, InstallationService installations, CancellationToken ct, bool keepEntities = false)
    {
        await installations.DeleteAsync(id, keepEntities, ct);
        return TypedResults.NoContent();
    }
}
