namespace Runner.Tests.Deploy;

[TestFixtureSource(typeof(RenderedOverlay), nameof(RenderedOverlay.Names))]
public sealed class SecretReferenceTests(string overlay)
{
    [Test]
    public void Secret_like_settings_come_from_secret_key_refs_never_literals()
    {
        var containers = RenderedOverlay.Of(overlay).Workloads().SelectMany(w => w.PodSpec.Items("containers").Select(c => (w.Name, Container: c)));
        var secretLike = containers.SelectMany(c => c.Container.Items("env").Select(e => (c.Name, Env: e)))
            .Where(c => RunnerOptionNames.IsSecretLike(c.Env.Text("name")!))
            .ToList();

        Assert.That(secretLike, Is.Not.Empty, "the connection string and operator key are secret-like");
        Assert.Multiple(() =>
        {
            foreach (var (workload, env) in secretLike)
            {
                var at = $"{workload} {env.Text("name")}";
                Assert.That(env.Text("value"), Is.Null, $"{at} has a literal value");
                Assert.That(env.Text("valueFrom.secretKeyRef.name"), Is.Not.Null, $"{at} is not from a Secret");
                Assert.That(env.Text("valueFrom.secretKeyRef.key"), Is.Not.Null, $"{at} names no key");
            }
        });
    }

    [Test]
    public void No_secret_objects_or_secret_like_config_map_keys_are_rendered()
    {
        var rendered = RenderedOverlay.Of(overlay);

        Assert.That(rendered.OfKind("Secret").Select(s => s.Text("metadata.name")), Is.Empty, "Secrets are created out of band");
        Assert.That(rendered.OfKind("ConfigMap").SelectMany(m => m.Entries("data").Select(e => e.Key)).Where(RunnerOptionNames.IsSecretLike), Is.Empty);
    }
}
