namespace Runner.Tests.Deploy;

[TestFixtureSource(typeof(RenderedOverlay), nameof(RenderedOverlay.Names))]
public sealed class KustomizeOverlayTests(string overlay)
{
    [Test]
    public void Overlay_renders_every_runner_object()
    {
        var rendered = RenderedOverlay.Of(overlay);
        var counts = rendered.Objects.GroupBy(o => o.Text("kind")).OrderBy(g => g.Key).Select(g => $"{g.Key} {g.Count()}");
        TestContext.Out.WriteLine($"overlays/{overlay}: {rendered.Objects.Count} objects ({string.Join(", ", counts)})");

        Assert.Multiple(() =>
        {
            foreach (var (kind, name) in new[]
            {
                ("Deployment", "runner-api"), ("Service", "runner-api"), ("Deployment", "runner-worker"),
                ("HorizontalPodAutoscaler", "runner-worker"), ("PodDisruptionBudget", "runner-worker"),
                ("Job", "runner-migrate"), ("ServiceAccount", "runner"),
            })
            {
                Assert.That(rendered.OfKind(kind).Select(o => o.Text("metadata.name")), Has.Member(name), $"{kind}/{name}");
            }
            Assert.That(rendered.OfKind("ConfigMap").Count(), Is.EqualTo(1), "one ConfigMap for the non-secret settings");
        });
    }

    [Test]
    public void Migrate_job_runs_the_api_image_with_the_migrate_command()
    {
        var rendered = RenderedOverlay.Of(overlay);
        var job = rendered.Single("Job", "runner-migrate").Items("spec.template.spec.containers").Single();
        var api = rendered.Single("Deployment", "runner-api").Items("spec.template.spec.containers").Single();

        Assert.That(job.Items("args").Select(a => a.Text("")), Is.EqualTo(new[] { "migrate" }));
        Assert.That(job.Text("image"), Is.EqualTo(api.Text("image")));
    }
}
