using Runner.Tools.AdoSandbox.Http;

namespace Runner.Tools.AdoSandbox.Data;

/// <summary>Pipeline environments (distributedtask) and their deployment records; ids are collection-wide.</summary>
internal static class EnvironmentData
{
    private static readonly string[] Names = ["development", "staging", "production", "sandbox"];

    public static long Index(Org org, int p, int e) => (long)p * org.Options.EnvironmentsPerProject + e;

    public static bool Live(Org org, int p, int e) =>
        org.ProjectLive(p) && e >= 0 && e < org.Options.EnvironmentsPerProject && org.Live(EntityKind.Environment, Index(org, p, e));

    public static string Name(int e) => e < Names.Length ? Names[e] : $"environment-{e + 1}";

    public static object? Environment(Org org, Urls urls, int p, int e)
    {
        if (!Live(org, p, e))
        {
            return null;
        }

        var index = Index(org, p, e);
        var author = Identities.Ref(org, urls, Identities.AuthorOf(org, EntityKind.Environment, index));
        var created = org.Before(EntityKind.Environment, index, 400);
        return new
        {
            id = index + 1,
            name = Name(e),
            description = $"{Name(e)} of {Org.ProjectName(p)}",
            createdBy = author,
            createdOn = created,
            lastModifiedBy = author,
            lastModifiedOn = created.AddDays(2),
            project = new { id = org.Id(EntityKind.Project, p), name = (string?)null },
        };
    }

    /// <summary>Record <paramref name="d"/> of environment e: a job of one of the project's builds that targeted it.</summary>
    public static object? Deployment(Org org, Urls urls, int p, int e, int d)
    {
        var environment = Index(org, p, e);
        var index = environment * org.Options.DeploymentsPerEnvironment + d;
        if (!org.Live(EntityKind.EnvironmentDeployment, index))
        {
            return null;
        }

        var projectId = org.Id(EntityKind.Project, p);
        var builds = org.Options.BuildsPerProject;
        var buildIndex = builds > 0 ? (long)p * builds + (index % builds) : -1;
        var pipeline = org.Options.PipelinesPerProject > 0 ? (int)(buildIndex % org.Options.PipelinesPerProject) : 0;
        var start = org.Before(EntityKind.EnvironmentDeployment, index, 60);
        return new
        {
            id = index + 1,
            environmentId = environment + 1,
            serviceOwner = "00025394-6065-48ca-87d9-7f5672854ef7",
            requestIdentifier = $"{Name(e)}-{index + 1}",
            planId = org.Id(EntityKind.EnvironmentDeployment, index),
            planType = "Build",
            scopeId = projectId,
            definition = new
            {
                id = org.PipelineIndex(p, pipeline) + 1,
                name = PipelineData.PipelineName(pipeline),
                _links = new { web = Urls.Href($"{urls.Base}/{projectId}/_build/definition?definitionId={org.PipelineIndex(p, pipeline) + 1}") },
            },
            owner = new
            {
                id = buildIndex + 1,
                name = buildIndex < 0 ? "" : PipelineData.BuildNumber(org, buildIndex),
                _links = new { web = Urls.Href($"{urls.Base}/{projectId}/_build/results?buildId={buildIndex + 1}") },
            },
            result = index % 5 == 4 ? "failed" : "succeeded",
            queueTime = start.AddSeconds(-30),
            startTime = start,
            finishTime = start.AddMinutes(3),
            stageName = TimelineData.StageName(Math.Max(0, org.Options.StagesPerBuild - 1)),
            jobName = "deploy",
            stageAttempt = 1,
            jobAttempt = 1,
        };
    }
}
