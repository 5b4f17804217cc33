using Runner.Tools.AdoSandbox.Http;

namespace Runner.Tools.AdoSandbox.Data;

/// <summary>YAML pipelines and their runs (pipelines API), and builds (build API) of the same definitions.</summary>
internal static class PipelineData
{
    private static readonly string[] Results = ["succeeded", "succeeded", "failed", "partiallySucceeded", "canceled"];
    private static readonly object HostedQueue = new { id = 9, name = "Azure Pipelines", pool = new { id = 9, name = "Azure Pipelines", isHosted = true } };

    public static string PipelineName(int i) => $"pipeline-{i + 1:D3}";

    public static object? Pipeline(Org org, Urls urls, int p, int i, bool withConfiguration)
    {
        if (!org.PipelineLive(p, i))
        {
            return null;
        }
        var id = org.PipelineIndex(p, i) + 1;
        var projectId = org.Id(EntityKind.Project, p);
        var self = $"{urls.Base}/{projectId}/_apis/pipelines/{id}?revision=1";
        return new
        {
            _links = new { self = Urls.Href(self), web = Urls.Href($"{urls.Base}/{projectId}/_build/definition?definitionId={id}") },
            configuration = withConfiguration && org.Options.ReposPerProject > 0
                ? new { path = "azure-pipelines.yml", repository = new { id = org.Id(EntityKind.Repository, org.RepoIndex(p, i % org.Options.ReposPerProject)), type = "azureReposGit" }, type = "yaml" }
                : null,
            url = self,
            id,
            revision = 1,
            name = PipelineName(i),
            folder = "\\",
        };
    }

    public static object Definition(Org org, Urls urls, int p, int i)
    {
        var id = org.PipelineIndex(p, i) + 1;
        var projectId = org.Id(EntityKind.Project, p);
        var url = $"{urls.Base}/{projectId}/_apis/build/Definitions/{id}?revision=1";
        var r = org.Options.ReposPerProject > 0 ? i % org.Options.ReposPerProject : -1;
        return new
        {
            _links = new { self = Urls.Href(url), web = Urls.Href($"{urls.Base}/{projectId}/_build/definition?definitionId={id}") },
            quality = "definition",
            authoredBy = Identities.Ref(org, urls, Identities.AuthorOf(org, EntityKind.Pipeline, id)),
            queue = HostedQueue,
            process = new { yamlFilename = "azure-pipelines.yml", type = 2 },
            repository = r < 0 ? null : new
            {
                id = org.Id(EntityKind.Repository, org.RepoIndex(p, r)),
                type = "TfsGit",
                name = Org.RepoName(r),
                url = $"{urls.Base}/{Org.ProjectName(p)}/_git/{Org.RepoName(r)}",
                defaultBranch = Org.BranchName(0),
                clean = (bool?)null,
                checkoutSubmodules = false,
            },
            id,
            name = PipelineName(i),
            url,
            uri = $"vstfs:///Build/Definition/{id}",
            path = "\\",
            type = "build",
            queueStatus = "enabled",
            revision = 1,
            createdDate = org.Before(EntityKind.Pipeline, id, 365),
            project = CoreData.Project(org, urls, p, detailed: false),
        };
    }

    public static object? Run(Org org, Urls urls, int p, int i, int ordinal)
    {
        var pipelineIndex = org.PipelineIndex(p, i);
        var index = pipelineIndex * org.Options.RunsPerPipeline + ordinal;
        if (!org.Live(EntityKind.PipelineRun, index))
        {
            return null;
        }
        var id = index + 1;
        var projectId = org.Id(EntityKind.Project, p);
        var pipelineUrl = $"{urls.Base}/{projectId}/_apis/pipelines/{pipelineIndex + 1}?revision=1";
        var created = org.Before(EntityKind.PipelineRun, index, 30);
        var running = ordinal == org.Options.RunsPerPipeline - 1 && ordinal % 3 == 2;
        var self = $"{urls.Base}/{projectId}/_apis/pipelines/{pipelineIndex + 1}/runs/{id}";
        return new
        {
            _links = new
            {
                self = Urls.Href(self),
                web = Urls.Href($"{urls.Base}/{projectId}/_build/results?buildId={id}"),
                pipeline = Urls.Href(pipelineUrl),
            },
            pipeline = new { url = pipelineUrl, id = pipelineIndex + 1, revision = 1, name = PipelineName(i), folder = "\\" },
            state = running ? "inProgress" : "completed",
            result = running ? null : Results[(int)(index % Results.Length)],
            createdDate = created,
            finishedDate = running ? (DateTime?)null : created.AddMinutes(5 + index % 20),
            url = self,
            id,
            name = $"{created:yyyyMMdd}.{ordinal + 1}",
        };
    }

    /// <summary>A build completed through the control API was queued again shortly before it finished.</summary>
    public static DateTime QueueTime(Org org, long index) =>
        org.State.Change(EntityKind.Build, index) is { } change ? change.At.AddMinutes(-5) : org.Before(EntityKind.Build, index, 90);

    public static DateTime FinishTime(Org org, long index) =>
        org.State.Change(EntityKind.Build, index) is { } change ? change.At : org.Before(EntityKind.Build, index, 90).AddMinutes(4 + index % 15);

    public static string BuildResult(Org org, long index) =>
        org.State.Change(EntityKind.Build, index)?.Value<string>("result") ?? Results[(int)(index % Results.Length)];

    public static string BuildNumber(Org org, long index) => $"{org.Before(EntityKind.Build, index, 90):yyyyMMdd}.{index % Math.Max(1, org.Options.BuildsPerProject) + 1}";

    public static object? Build(Org org, Urls urls, int p, int b)
    {
        var index = (long)p * org.Options.BuildsPerProject + b;
        if (!org.Live(EntityKind.Build, index))
        {
            return null;
        }
        var id = index + 1;
        var projectId = org.Id(EntityKind.Project, p);
        var queued = QueueTime(org, index);
        var requester = Identities.Ref(org, urls, Identities.AuthorOf(org, EntityKind.Build, index));
        var self = $"{urls.Base}/{projectId}/_apis/build/Builds/{id}";
        var pipeline = org.Options.PipelinesPerProject > 0 ? b % org.Options.PipelinesPerProject : -1;
        var definitionId = pipeline >= 0 ? org.PipelineIndex(p, pipeline) + 1 : 0;
        var repo = org.Options.ReposPerProject > 0 ? org.RepoIndex(p, b % org.Options.ReposPerProject) : -1;
        return new
        {
            _links = new
            {
                self = Urls.Href(self),
                web = Urls.Href($"{urls.Base}/{projectId}/_build/results?buildId={id}"),
                timeline = Urls.Href($"{urls.Base}/{projectId}/_apis/build/builds/{id}/Timeline"),
            },
            properties = new { },
            tags = Array.Empty<string>(),
            validationResults = Array.Empty<object>(),
            plans = new[] { new { planId = org.Id(EntityKind.Build, index) } },
            triggerInfo = new { },
            id,
            buildNumber = BuildNumber(org, index),
            status = "completed",
            result = BuildResult(org, index),
            queueTime = queued,
            startTime = queued.AddSeconds(20),
            finishTime = FinishTime(org, index),
            url = self,
            definition = pipeline < 0 ? null : new
            {
                drafts = Array.Empty<object>(),
                id = definitionId,
                name = PipelineName(pipeline),
                url = $"{urls.Base}/{projectId}/_apis/build/Definitions/{definitionId}?revision=1",
                uri = $"vstfs:///Build/Definition/{definitionId}",
                path = "\\",
                type = "build",
                queueStatus = "enabled",
                revision = 1,
                project = CoreData.Project(org, urls, p, detailed: false),
            },
            buildNumberRevision = 1,
            project = CoreData.Project(org, urls, p, detailed: false),
            uri = $"vstfs:///Build/Build/{id}",
            sourceBranch = Org.BranchName(0),
            sourceVersion = Deterministic.Sha(org.Seed, EntityKind.Commit, index),
            queue = HostedQueue,
            priority = "normal",
            reason = b % 3 == 0 ? "manual" : "individualCI",
            requestedFor = requester,
            requestedBy = requester,
            lastChangedDate = FinishTime(org, index).AddMinutes(1),
            lastChangedBy = requester,
            orchestrationPlan = new { planId = org.Id(EntityKind.Build, index) },
            logs = new { id = 0, type = "Container", url = $"{self}/logs" },
            repository = repo < 0 ? null : new { id = org.Id(EntityKind.Repository, repo), type = "TfsGit", clean = (bool?)null, checkoutSubmodules = false },
            retainedByRelease = false,
            appendCommitMessageToRunName = true,
        };
    }
}
