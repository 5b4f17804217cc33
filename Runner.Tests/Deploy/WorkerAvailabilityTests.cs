namespace Runner.Tests.Deploy;

public sealed class WorkerAvailabilityTests
{
    [Test]
    public void Production_runs_at_least_two_workers_with_cpu_autoscaling_and_a_disruption_budget()
    {
        var rendered = RenderedOverlay.Of("production");
        var worker = rendered.Single("Deployment", "runner-worker");
        var hpa = rendered.Single("HorizontalPodAutoscaler", "runner-worker");
        var podLabels = worker.Entries("spec.template.metadata.labels").Select(l => $"{l.Key}={l.Value.Text("")}");
        var budgetSelector = rendered.Single("PodDisruptionBudget", "runner-worker").Entries("spec.selector.matchLabels").Select(l => $"{l.Key}={l.Value.Text("")}");

        Assert.Multiple(() =>
        {
            Assert.That(int.Parse(worker.Text("spec.replicas")!), Is.GreaterThanOrEqualTo(2));
            Assert.That(int.Parse(hpa.Text("spec.minReplicas")!), Is.GreaterThanOrEqualTo(2));
            Assert.That(hpa.Text("spec.scaleTargetRef.name"), Is.EqualTo("runner-worker"));
            Assert.That(hpa.Items("spec.metrics").Select(m => m.Text("resource.name")), Has.Member("cpu"));
            Assert.That(budgetSelector, Is.Not.Empty.And.SubsetOf(podLabels), "the budget selects the Worker pods");
        });
    }

    [TestCaseSource(typeof(RenderedOverlay), nameof(RenderedOverlay.Names))]
    public void Worker_grace_period_outlasts_its_shutdown_window_and_a_minute(string overlay)
    {
        var pod = RenderedOverlay.Of(overlay).Single("Deployment", "runner-worker").At("spec.template.spec");
        var grace = int.Parse(pod.Text("terminationGracePeriodSeconds")!);
        var shutdown = pod.Items("containers").Single().Items("env")
            .Where(e => e.Text("name") == "DOTNET_shutdownTimeoutSeconds")
            .Select(e => int.Parse(e.Text("value")!))
            .Single();

        Assert.That(grace, Is.GreaterThan(60).And.GreaterThan(shutdown));
    }
}
