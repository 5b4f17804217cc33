namespace Runner.Tests.Deploy;

public sealed class OptionNameTests
{
    [Test]
    public void Option_names_are_read_from_the_domain_api_and_worker_options_classes()
    {
        Assert.Multiple(() =>
        {
            foreach (var name in new[]
            {
                "Runner__Database__ConnectionString", "Runner__Bootstrap__AdminApiKey", "Runner__Worker__WorkerCount",
                "Runner__Secrets__KekProvider", "Runner__Secrets__Local__Key", "Runner__Secrets__AzureKeyVault__VaultUri",
                "Runner__Egress__Addresses__0", "runner__egress__allowprivatenetworks",
            })
            {
                Assert.That(RunnerOptionNames.IsKnown(name), $"{name} should be known; known: {string.Join(", ", RunnerOptionNames.All)}");
            }
            foreach (var name in new[] { "Runner__Database__Connectionstrings", "Runner__Egress__Addresses", "Runner__Egress__Addresses__x", "Runner__Worker" })
            {
                Assert.That(RunnerOptionNames.IsKnown(name), Is.False, name);
            }
        });
    }

    [TestCaseSource(typeof(RenderedOverlay), nameof(RenderedOverlay.Names))]
    public void Every_runner_setting_in_the_manifests_names_a_real_option(string overlay)
    {
        var rendered = RenderedOverlay.Of(overlay);
        var names = rendered.Workloads()
            .SelectMany(w => w.PodSpec.Items("containers").SelectMany(rendered.EnvironmentNames).Select(name => (w.Name, Env: name)))
            .Where(n => n.Env.StartsWith(RunnerOptionNames.Prefix, StringComparison.Ordinal))
            .ToList();

        Assert.That(names, Is.Not.Empty);
        Assert.That(names.Where(n => !RunnerOptionNames.IsKnown(n.Env)).Select(n => $"{n.Name}: {n.Env}"), Is.Empty);
    }
}
