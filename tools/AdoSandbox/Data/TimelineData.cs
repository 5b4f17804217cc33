using Runner.Tools.AdoSandbox.Http;

namespace Runner.Tools.AdoSandbox.Data;

/// <summary>Build timelines (a Stage record with one Job under it per stage) and the commits a build brought in.</summary>
internal static class TimelineData
{
    public const int ChangesPerBuild = 3;
    private static readonly string[] StageNames = ["Build", "Test", "Deploy", "Verify", "Release"];

    public static string StageName(int s) => s < StageNames.Length ? StageNames[s] : $"Stage {s + 1}";

    public static object Timeline(Org org, Urls urls, int p, int b)
    {
        var index = (long)p * org.Options.BuildsPerProject + b;
        var projectId = org.Id(EntityKind.Project, p);
        var start = PipelineData.QueueTime(org, index).AddSeconds(20);
        var result = (string?)null;
        var records = new List<object>();
        for (var s = 0; s < org.Options.StagesPerBuild; s++)
        {
            var stageIndex = index * org.Options.StagesPerBuild + s;
            var stageId = org.Id(EntityKind.Stage, stageIndex);
            var stageStart = start.AddMinutes(s * 2);
            // A failed build fails in its last stage; earlier stages succeeded.
            result = s == org.Options.StagesPerBuild - 1 ? PipelineData.BuildResult(org, index) : "succeeded";
            records.Add(Record(stageId, null, "Stage", StageName(s), stageStart, result, s + 1, $"Stage_{s + 1}"));
            records.Add(Record(Deterministic.Id(org.Seed + 1, EntityKind.Stage, stageIndex), stageId, "Job", $"{StageName(s)} job", stageStart.AddSeconds(5), result, 1, $"Stage_{s + 1}.Job"));
        }
        return new
        {
            records,
            lastChangedBy = org.Id(EntityKind.Tenant, 4),
            lastChangedOn = PipelineData.FinishTime(org, index),
            id = org.Id(EntityKind.Build, index),
            changeId = records.Count,
            url = $"{urls.Base}/{projectId}/_apis/build/builds/{index + 1}/Timeline/{org.Id(EntityKind.Build, index)}",
        };
    }

    private static object Record(Guid id, Guid? parentId, string type, string name, DateTime start, string? result, int order, string identifier) => new
    {
        previousAttempts = Array.Empty<object>(),
        id,
        parentId,
        type,
        name,
        startTime = start,
        finishTime = start.AddMinutes(1),
        currentOperation = (string?)null,
        percentComplete = (int?)null,
        state = "completed",
        result,
        resultCode = (string?)null,
        changeId = order,
        lastModified = start.AddMinutes(1),
        workerName = "Hosted Agent",
        order,
        errorCount = result == "failed" ? 1 : 0,
        warningCount = 0,
        attempt = 1,
        identifier,
    };

    public static object? Change(Org org, Urls urls, int p, int b, int c)
    {
        var index = (long)p * org.Options.BuildsPerProject + b;
        var sha = Deterministic.Sha(org.Seed + c, EntityKind.Commit, index);
        var author = Identities.AuthorOf(org, EntityKind.Commit, index * ChangesPerBuild + c);
        var repo = org.Options.ReposPerProject > 0 ? org.RepoIndex(p, b % org.Options.ReposPerProject) : -1;
        var location = repo < 0 ? null : $"{urls.Repo(org.Id(EntityKind.Project, p), org.Id(EntityKind.Repository, repo))}/commits/{sha}";
        return new
        {
            id = sha,
            message = $"Change {c + 1} of build {index + 1}",
            type = "TfsGit",
            author = new { displayName = Identities.DisplayName(author), id = Identities.Id(org, author), uniqueName = Identities.Mail(author) },
            // Newest first: the last change is the build's first commit.
            timestamp = PipelineData.QueueTime(org, index).AddHours(-1 - c * 3),
            location,
            displayUri = location,
        };
    }
}
