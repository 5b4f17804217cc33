using YamlDotNet.RepresentationModel;

namespace Runner.Tests.Deploy;

public sealed class ComposeFileTests
{
    private static readonly Lazy<YamlMappingNode> Compose = new(() => Yaml.LoadDocuments(RepositoryFiles.Read("docker-compose.yml")).Single());

    private static YamlNode Service(string name) =>
        Compose.Value.At($"services.{name}") ?? throw new AssertionException($"docker-compose.yml has no service {name}.");

    private static IEnumerable<(string Service, string Name, string Value)> Environment() =>
        Compose.Value.Entries("services").SelectMany(service => service.Value.Entries("environment")
            .Select(e => (service.Key, e.Key, e.Value.Text("") ?? "")));

    [Test]
    public void Postgres_migrate_api_and_two_workers_start_in_order()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Service("postgres").Items("healthcheck.test"), Is.Not.Empty, "postgres has a health check");
            Assert.That(Service("postgres").Items("volumes").Select(v => v.Text("")), Has.Some.StartsWith("postgres-data:"), "named data volume");
            Assert.That(Service("migrate").Items("command").Select(c => c.Text("")), Is.EqualTo(new[] { "migrate" }));
            Assert.That(Service("migrate").Text("depends_on.postgres.condition"), Is.EqualTo("service_healthy"));
            Assert.That(Service("api").Text("depends_on.migrate.condition"), Is.EqualTo("service_completed_successfully"));
            Assert.That(Service("worker").Text("depends_on.migrate.condition"), Is.EqualTo("service_completed_successfully"));
            Assert.That(Service("worker").Text("deploy.replicas"), Is.EqualTo("2"));
        });
    }

    [Test]
    public void Sandbox_and_demo_seed_run_only_in_the_demo_profile()
    {
        var profiles = Compose.Value.Entries("services").ToDictionary(s => s.Key, s => s.Value.Items("profiles").Select(p => p.Text("")).ToList());

        Assert.Multiple(() =>
        {
            Assert.That(profiles["sandbox"], Is.EqualTo(new[] { "demo" }));
            Assert.That(profiles["demo-seed"], Is.EqualTo(new[] { "demo" }));
            Assert.That(profiles.Where(p => p.Key is not ("sandbox" or "demo-seed")).SelectMany(p => p.Value), Is.Empty);
        });
    }

    [Test]
    public void Every_runner_setting_names_a_real_option()
    {
        var names = Environment().Where(e => e.Name.StartsWith(RunnerOptionNames.Prefix, StringComparison.Ordinal)).ToList();

        Assert.That(names.Select(n => n.Service).Distinct(), Is.SupersetOf(new[] { "migrate", "api", "worker" }));
        Assert.That(names.Where(n => !RunnerOptionNames.IsKnown(n.Name)).Select(n => $"{n.Service}: {n.Name}"), Is.Empty);
    }

    [Test]
    public void Secret_like_settings_come_from_the_environment_never_literals()
    {
        var secretLike = Environment().Where(e => RunnerOptionNames.IsSecretLike(e.Name)).ToList();

        Assert.That(secretLike, Is.Not.Empty);
        Assert.That(secretLike.Where(e => !e.Value.Contains("${", StringComparison.Ordinal)).Select(e => $"{e.Service}: {e.Name}"), Is.Empty);
    }
}
