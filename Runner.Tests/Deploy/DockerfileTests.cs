namespace Runner.Tests.Deploy;

public sealed class DockerfileTests
{
    private static readonly string[] RunnerImages = ["deploy/docker/Api.Dockerfile", "deploy/docker/Worker.Dockerfile"];

    private static readonly string[] AllImages = [.. RunnerImages, "deploy/docker/Sandbox.Dockerfile"];

    [TestCaseSource(nameof(AllImages))]
    public void Image_builds_in_stages_from_pinned_bases_and_runs_as_a_numeric_non_root_user(string path)
    {
        var dockerfile = Dockerfile.Parse(RepositoryFiles.Read(path));
        var stageNames = dockerfile.Stages.Select(s => s.Name).ToList();
        var external = dockerfile.Stages.Select(s => s.Image).Where(image => !stageNames.Contains(image)).ToList();
        var user = dockerfile.Final.Last("USER");

        Assert.Multiple(() =>
        {
            Assert.That(dockerfile.Stages, Has.Count.GreaterThanOrEqualTo(2), "multi-stage");
            Assert.That(stageNames, Has.None.Null, "every FROM names its stage with AS");
            Assert.That(external, Has.All.Matches<string>(IsPinned), "no untagged or :latest base image");
            Assert.That(user, Is.Not.Null.And.Match("^[1-9][0-9]*(:[0-9]+)?$"), "USER is a numeric uid other than 0");
            Assert.That(dockerfile.Final.Last("HEALTHCHECK"), Is.Not.Null.And.Not.StartWith("NONE"));
            Assert.That(dockerfile.Final.All("ENV").Concat(dockerfile.Stages.SelectMany(s => s.All("ARG"))).Where(AssignsASecret), Is.Empty, "no secret baked in");
        });
    }

    [TestCaseSource(nameof(RunnerImages))]
    public void Runner_image_restores_before_copying_sources_and_installs_nothing_at_run_time(string path)
    {
        var dockerfile = Dockerfile.Parse(RepositoryFiles.Read(path));
        var build = dockerfile.Stages[0].Instructions;
        var restore = build.FindIndex(i => i.Arguments.StartsWith("dotnet restore", StringComparison.Ordinal));
        var firstSourceCopy = build.FindIndex(i => i.Keyword == "COPY" && i.Arguments.EndsWith("/ Runner.Domain/", StringComparison.Ordinal));

        Assert.Multiple(() =>
        {
            Assert.That(restore, Is.GreaterThan(0).And.LessThan(firstSourceCopy), "restore layer before the sources");
            Assert.That(build.Select(i => i.Arguments), Has.Some.Matches<string>(a => a.StartsWith("dotnet publish", StringComparison.Ordinal) && a.Contains("-c Release", StringComparison.Ordinal)));
            Assert.That(dockerfile.Final.All("RUN"), Is.Empty, "mappings run on the managed jq engine: no native library, no package layer");
        });
    }

    /// <summary><c>ENV A=1 B=2</c>, <c>ENV A 1</c> or <c>ARG A=1</c>: does it set a credential-like name?</summary>
    private static bool AssignsASecret(string assignment) =>
        assignment.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(word => word.Split('=')[0]).Any(RunnerOptionNames.IsSecretLike);

    private static bool IsPinned(string image)
    {
        var tag = image.Contains('@', StringComparison.Ordinal) ? "digest" : image[(image.LastIndexOf('/') + 1)..].Split(':').ElementAtOrDefault(1);
        return tag is { Length: > 0 } && tag != "latest";
    }
}
