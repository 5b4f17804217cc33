using Microsoft.AspNetCore.Mvc;
using Runner.Tools.AdoSandbox.Data;
using Runner.Tools.AdoSandbox.Http;

namespace Runner.Tools.AdoSandbox.Api;

/// <summary>Environments and their deployment records (distributedtask), both $top + continuation token.</summary>
internal static class EnvironmentEndpoints
{
    public static void MapEnvironments(this IEndpointRouteBuilder org)
    {
        org.MapGet("/{project}/_apis/distributedtask/environments", List);
        org.MapGet("/{project}/_apis/distributedtask/environments/{environmentId:long}", Get);
        org.MapGet("/{project}/_apis/distributedtask/environments/{environmentId:long}/environmentdeploymentrecords", ListDeployments);
    }

    private static IResult List(HttpContext context, Org org, string project, string? name, [FromQuery(Name = "$top")] int? top, string? continuationToken)
    {
        if (!org.TryFindProject(project, out var p))
        {
            return AdoErrors.ProjectNotFound(project);
        }

        var urls = Urls.For(context, org);
        var (items, next) = Paging.Continue(
            org.Options.EnvironmentsPerProject, continuationToken, Paging.Top(org.Options, top), TokenStyle.Opaque,
            e => name is null || string.Equals(name, EnvironmentData.Name((int)e), StringComparison.OrdinalIgnoreCase)
                ? EnvironmentData.Environment(org, urls, p, (int)e)
                : null);
        return Paging.List(context, items, next);
    }

    private static IResult Get(HttpContext context, Org org, string project, long environmentId) =>
        TryFind(org, project, environmentId, out var p, out var e, out var error)
            ? Json.Ok(EnvironmentData.Environment(org, Urls.For(context, org), p, e)!)
            : error;

    private static IResult ListDeployments(
        HttpContext context, Org org, string project, long environmentId, [FromQuery(Name = "top")] int? top, [FromQuery(Name = "$top")] int? dollarTop,
        string? continuationToken)
    {
        if (!TryFind(org, project, environmentId, out var p, out var e, out var error))
        {
            return error;
        }

        var urls = Urls.For(context, org);
        var (items, next) = Paging.Continue(
            org.Options.DeploymentsPerEnvironment, continuationToken, Paging.Top(org.Options, top ?? dollarTop), TokenStyle.Opaque,
            d => EnvironmentData.Deployment(org, urls, p, e, (int)d));
        return Paging.List(context, items, next);
    }

    private static bool TryFind(Org org, string project, long environmentId, out int p, out int e, out IResult error)
    {
        e = -1;
        error = AdoErrors.ProjectNotFound(project);
        if (!org.TryFindProject(project, out p))
        {
            return false;
        }

        e = (int)Math.Clamp(environmentId - 1 - EnvironmentData.Index(org, p, 0), -1, int.MaxValue);
        error = AdoErrors.Result(404, $"Environment with id {environmentId} does not exist.", "EnvironmentNotFoundException");
        return EnvironmentData.Live(org, p, e);
    }
}
