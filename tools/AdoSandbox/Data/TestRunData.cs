using Runner.Tools.AdoSandbox.Http;

namespace Runner.Tools.AdoSandbox.Data;

/// <summary>Automated test runs of a project's builds, their results, and the builds' code coverage.</summary>
internal static class TestRunData
{
    public static long Index(Org org, int p, int r) => (long)p * org.Options.TestRunsPerProject + r;

    public static bool Live(Org org, int p, int r) =>
        org.ProjectLive(p) && r >= 0 && r < org.Options.TestRunsPerProject && org.Live(EntityKind.TestRun, Index(org, p, r));

    public static DateTime Completed(Org org, long index) => org.Before(EntityKind.TestRun, index, 30);
    public static DateTime LastUpdated(Org org, long index) => org.Changed(EntityKind.TestRun, index, Completed(org, index));

    /// <summary>The build run r tested: build r of the project (wrapping), or -1 without builds.</summary>
    public static long BuildIndex(Org org, int p, int r) =>
        org.Options.BuildsPerProject > 0 ? (long)p * org.Options.BuildsPerProject + r % org.Options.BuildsPerProject : -1;

    private static string Outcome(long resultIndex) => resultIndex % 4 == 3 ? "Failed" : "Passed";

    public static object? Run(Org org, Urls urls, int p, int r, bool details)
    {
        if (!Live(org, p, r))
        {
            return null;
        }

        var index = Index(org, p, r);
        var id = index + 1;
        var projectId = org.Id(EntityKind.Project, p);
        var completed = Completed(org, index);
        var results = org.Options.ResultsPerTestRun;
        var passed = Enumerable.Range(0, results).Count(k => Outcome(index * results + k) == "Passed");
        var build = BuildIndex(org, p, r);
        var owner = Identities.Ref(org, urls, Identities.AuthorOf(org, EntityKind.TestRun, index));
        var url = $"{urls.Base}/{projectId}/_apis/test/Runs/{id}";
        return new
        {
            id,
            name = $"VSTest_TestResults_{id}",
            url,
            isAutomated = true,
            owner = details ? owner : null,
            project = new { id = projectId, name = Org.ProjectName(p) },
            startedDate = completed.AddMinutes(-10),
            completedDate = completed,
            state = "Completed",
            plan = new { id = (p + 1).ToString(System.Globalization.CultureInfo.InvariantCulture) },
            postProcessState = "Complete",
            totalTests = results,
            incompleteTests = 0,
            notApplicableTests = 0,
            passedTests = passed,
            unanalyzedTests = results - passed,
            revision = 1 + org.State.Revisions(EntityKind.TestRun, index),
            webAccessUrl = $"{urls.Base}/{Org.ProjectName(p)}/_TestManagement/Runs?runId={id}&_a=runCharts",
            build = build < 0 ? null : new { id = (build + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), name = PipelineData.BuildNumber(org, build), url = $"{urls.Base}/{projectId}/_apis/build/Builds/{build + 1}" },
            buildConfiguration = build < 0 ? null : new { id = build + 1, number = PipelineData.BuildNumber(org, build), uri = $"vstfs:///Build/Build/{build + 1}", flavor = "Release", platform = "Any CPU" },
            lastUpdatedDate = LastUpdated(org, index),
            lastUpdatedBy = details ? owner : null,
            runStatistics = details
                ? new[] { new { state = "Completed", outcome = "Passed", count = passed }, new { state = "Completed", outcome = "Failed", count = results - passed } }.Where(s => s.count > 0).ToArray()
                : null,
        };
    }

    public static object Result(Org org, Urls urls, int p, int r, int k)
    {
        var run = Index(org, p, r);
        var index = run * org.Options.ResultsPerTestRun + k;
        var projectId = org.Id(EntityKind.Project, p);
        var completed = Completed(org, run);
        var outcome = Outcome(index);
        var name = $"Sandbox.Tests.Suite{r + 1}.Case{k + 1}";
        return new
        {
            id = 100_000 + k,
            project = new { id = projectId, name = Org.ProjectName(p) },
            startedDate = completed.AddMinutes(-10).AddSeconds(k * 3),
            completedDate = completed.AddMinutes(-10).AddSeconds(k * 3 + 2),
            durationInMs = 2000.0,
            outcome,
            revision = 1,
            state = "Completed",
            testCase = new { name },
            testRun = new { id = (run + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), name = $"VSTest_TestResults_{run + 1}", url = $"{urls.Base}/{projectId}/_apis/test/Runs/{run + 1}" },
            lastUpdatedDate = completed,
            priority = 0,
            computerName = "fv-az123",
            errorMessage = outcome == "Failed" ? "Assert.Equal() Failure" : null,
            createdDate = completed,
            url = $"{urls.Base}/{projectId}/_apis/test/Runs/{run + 1}/Results/{100_000 + k}",
            failureType = "None",
            automatedTestName = name,
            automatedTestStorage = "Sandbox.Tests.dll",
            automatedTestType = "UnitTest",
            testCaseTitle = $"Case{k + 1}",
            testCaseReferenceId = (int)(index + 1),
        };
    }

    /// <summary>Line and branch coverage of a build; modules only when <c>flags</c> asks for them (1 = modules).</summary>
    public static object Coverage(Org org, Urls urls, int p, long buildIndex, int flags)
    {
        var covered = 500 + (int)(org.Unit(EntityKind.Build, buildIndex) * 400);
        return new
        {
            coverageData = new[]
            {
                new
                {
                    buildFlavor = "Release",
                    buildPlatform = "Any CPU",
                    coverageStats = new[]
                    {
                        new { label = "Lines", position = 4, total = 1000, covered, isDeltaAvailable = false, delta = 0.0 },
                        new { label = "Branches", position = 6, total = 400, covered = covered / 3, isDeltaAvailable = false, delta = 0.0 },
                    },
                    modules = (flags & 1) == 1
                        ? new[] { new { name = "sandbox.dll", statistics = new { linesCovered = covered, linesNotCovered = 1000 - covered } } }
                        : null,
                },
            },
            build = new { id = (buildIndex + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), url = $"{urls.Base}/{org.Id(EntityKind.Project, p)}/_apis/build/Builds/{buildIndex + 1}" },
            deltaBuild = (object?)null,
        };
    }
}
