using System.Runtime.CompilerServices;
using System.Text.Json;
using Runner.Domain.Integrations.AzureDevOps.Fetching;
using static Runner.Domain.Integrations.AzureDevOps.Kinds.Parents;

namespace Runner.Domain.Integrations.AzureDevOps.Kinds;

/// <summary>environment (<c>__project</c>) and pipeline-deployment (an environment's deployment records, <c>__project</c>, <c>__environment</c>).</summary>
internal static class DeploymentKinds
{
    public static IAsyncEnumerable<RawPage> EnvironmentsAsync(FetchScope scope, SelectorOptions selector, CancellationToken ct) =>
        FanOut.MergeAsync(scope.Projects.ListAsync(scope, ct), scope.Options.ParallelParents,
            (project, ct) => StampedAsync(scope, EnvironmentPagesAsync(scope, project, ct), [Context("__project", project)], ct), ct);

    public static IAsyncEnumerable<RawPage> PipelineDeploymentsAsync(FetchScope scope, SelectorOptions selector, CancellationToken ct) =>
        FanOut.MergeAsync(EnvironmentsOfProjectsAsync(scope, ct), scope.Options.ParallelParents, (parent, ct) => StampedAsync(
            scope,
            scope.ByHeaderTokenAsync((token, c) => scope.Apis.DistributedTask.ListDeploymentRecords(
                Id(parent.Project), parent.Environment.GetProperty("id").GetInt64(), scope.Options.PageSize, token, c), ct),
            [Context("__project", parent.Project), Context("__environment", parent.Environment)], ct), ct);

    private static IAsyncEnumerable<JsonDocument> EnvironmentPagesAsync(FetchScope scope, JsonElement project, CancellationToken ct) =>
        scope.ByHeaderTokenAsync((token, c) => scope.Apis.DistributedTask.ListEnvironments(Id(project), scope.Options.PageSize, token, c), ct);

    private static async IAsyncEnumerable<(JsonElement Project, JsonElement Environment)> EnvironmentsOfProjectsAsync(
        FetchScope scope, [EnumeratorCancellation] CancellationToken ct)
    {
        await foreach (var project in scope.Projects.ListAsync(scope, ct))
        {
            await foreach (var page in EnvironmentPagesAsync(scope, project, ct))
            {
                foreach (var environment in scope.Values(page).Select(e => e.Clone()).ToList())
                {
                    yield return (project, environment);
                }
            }
        }
    }
}
