using Runner.Tools.AdoSandbox.Data;
using Runner.Tools.AdoSandbox.Hooks;
using Runner.Tools.AdoSandbox.Http;

namespace Runner.Tools.AdoSandbox.Api;

/// <summary>
/// Control API: complete a build (build.complete), abandon a release (ms.vss-release.release-abandoned-event) or
/// finish one of its deployments (ms.vss-release.deployment-completed-event, delivered to release-host subscriptions).
/// </summary>
internal static class PipelineChangeEndpoints
{
    public sealed record CompleteBuild(string? Result);
    public sealed record Deploy(int? Stage, string? Status);

    private static readonly string[] BuildResults = ["succeeded", "partiallySucceeded", "failed", "canceled"];

    public static void MapPipelineChanges(this IEndpointRouteBuilder control)
    {
        control.MapPost("/changes/builds/{id:long}/complete", Complete);
        control.MapPost("/changes/releases/{project}/{id:long}/abandon", Abandon);
        control.MapPost("/changes/releases/{project}/{id:long}/deploy", Deployed);
    }

    private static async Task<IResult> Complete(HttpContext context, Org org, HookDelivery delivery, long id, CompleteBuild? request)
    {
        var result = request?.Result ?? "succeeded";
        if (!BuildResults.Contains(result))
        {
            return ChangeResult.Problem($"result: must be one of {string.Join(", ", BuildResults)}.");
        }
        var perProject = org.Options.BuildsPerProject;
        var p = perProject > 0 && id >= 1 ? (int)((id - 1) / perProject) : -1;
        if (!org.ProjectLive(p) || !org.Live(EntityKind.Build, id - 1))
        {
            return ChangeResult.Missing($"Build {id} does not exist.");
        }
        org.State.Touch(EntityKind.Build, id - 1, new Dictionary<string, object?> { ["result"] = result });
        var build = PipelineData.Build(org, Urls.For(context, org), p, (int)(id - 1 - (long)p * perProject))!;
        return await ChangeResult.DeliverAsync(context, delivery, org,
            [new HookEvent(Guid.NewGuid(), "build.complete", org.Id(EntityKind.Project, p), null, $"Build {PipelineData.BuildNumber(org, id - 1)} {result}", build, org.State.Now())],
            new { id, result });
    }

    private static async Task<IResult> Abandon(HttpContext context, Org org, HookDelivery delivery, string project, long id)
    {
        if (!TryRelease(org, project, id, out var p, out var index))
        {
            return ChangeResult.Missing($"Release {id} of {project} does not exist.");
        }
        org.State.Touch(EntityKind.Release, index, new Dictionary<string, object?> { ["status"] = "abandoned" });
        var urls = Urls.For(context, org);
        var resource = new { release = ReleaseData.Release(org, urls, p, id - 1), project = new { id = org.Id(EntityKind.Project, p), name = Org.ProjectName(p) } };
        return await ChangeResult.DeliverAsync(context, delivery, org,
            [new HookEvent(Guid.NewGuid(), "ms.vss-release.release-abandoned-event", org.Id(EntityKind.Project, p), null, $"Release {id} abandoned", resource, org.State.Now())],
            new { id, status = "abandoned" });
    }

    private static async Task<IResult> Deployed(HttpContext context, Org org, HookDelivery delivery, string project, long id, Deploy? request)
    {
        var stage = (request?.Stage ?? 1) - 1;
        var status = request?.Status ?? "succeeded";
        if (!TryRelease(org, project, id, out var p, out _) || stage < 0 || stage >= org.Options.DeploymentsPerRelease)
        {
            return ChangeResult.Missing($"Release {id} of {project} has no deployment to stage {stage + 1}.");
        }
        if (status is not ("succeeded" or "failed" or "partiallySucceeded"))
        {
            return ChangeResult.Problem("status: must be succeeded, failed or partiallySucceeded.");
        }
        org.State.Touch(EntityKind.ReleaseDeployment, ReleaseDeploymentData.Index(org, p, id - 1, stage), new Dictionary<string, object?> { ["deploymentStatus"] = status });
        var urls = Urls.For(context, org);
        var deployment = ReleaseDeploymentData.Deployment(org, urls, p, id - 1, stage);
        var resource = new
        {
            environment = new { id = ReleaseData.Index(org, p, id - 1) * 3 + stage + 1, name = ReleaseData.StageName(stage), status, definitionEnvironmentId = stage + 1 },
            deployment,
            project = new { id = org.Id(EntityKind.Project, p), name = Org.ProjectName(p) },
        };
        return await ChangeResult.DeliverAsync(context, delivery, org,
            [new HookEvent(Guid.NewGuid(), "ms.vss-release.deployment-completed-event", org.Id(EntityKind.Project, p), null,
                $"Deployment of release {id} to {ReleaseData.StageName(stage)} {status}", resource, org.State.Now())],
            new { id, stage = stage + 1, status });
    }

    private static bool TryRelease(Org org, string project, long id, out int p, out long index)
    {
        index = -1;
        var count = (long)org.Options.ReleaseDefinitionsPerProject * org.Options.ReleasesPerDefinition;
        if (!org.TryFindProject(project, out p) || id < 1 || id > count)
        {
            return false;
        }
        index = ReleaseData.Index(org, p, id - 1);
        return org.ReleaseDefinitionLive(p, (int)((id - 1) / org.Options.ReleasesPerDefinition)) && org.Live(EntityKind.Release, index);
    }
}
