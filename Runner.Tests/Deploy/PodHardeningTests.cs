using YamlDotNet.RepresentationModel;

namespace Runner.Tests.Deploy;

[TestFixtureSource(typeof(RenderedOverlay), nameof(RenderedOverlay.Names))]
public sealed class PodHardeningTests(string overlay)
{
    private IEnumerable<(string Workload, string Kind, YamlNode Pod, YamlNode Container)> Containers() =>
        RenderedOverlay.Of(overlay).Workloads()
            .SelectMany(w => w.PodSpec.Items("containers").Concat(w.PodSpec.Items("initContainers"))
                .Select(c => (w.Name, w.Kind, w.PodSpec, c)));

    [Test]
    public void Every_container_runs_as_non_root_on_a_read_only_root_without_capabilities()
    {
        Assert.Multiple(() =>
        {
            foreach (var (workload, _, pod, container) in Containers())
            {
                var at = $"{workload}/{container.Text("name")}";
                Assert.That(container.Text("securityContext.runAsNonRoot") ?? pod.Text("securityContext.runAsNonRoot"), Is.EqualTo("true"), $"{at} runAsNonRoot");
                Assert.That(container.Text("securityContext.readOnlyRootFilesystem"), Is.EqualTo("true"), $"{at} readOnlyRootFilesystem");
                Assert.That(container.Text("securityContext.allowPrivilegeEscalation"), Is.EqualTo("false"), $"{at} allowPrivilegeEscalation");
                Assert.That(container.Items("securityContext.capabilities.drop").Select(c => c.Text("")), Has.Member("ALL"), $"{at} drops ALL");
                Assert.That(container.Text("securityContext.seccompProfile.type") ?? pod.Text("securityContext.seccompProfile.type"), Is.EqualTo("RuntimeDefault"), $"{at} seccomp");
            }
        });
    }

    [Test]
    public void Every_container_declares_cpu_and_memory_requests_and_limits()
    {
        Assert.Multiple(() =>
        {
            foreach (var (workload, _, _, container) in Containers())
            {
                foreach (var setting in new[] { "requests.cpu", "requests.memory", "limits.cpu", "limits.memory" })
                {
                    Assert.That(container.Text($"resources.{setting}"), Is.Not.Null.And.Not.Empty, $"{workload}/{container.Text("name")} resources.{setting}");
                }
            }
        });
    }

    [Test]
    public void Every_long_running_container_is_probed_on_healthz_and_readyz()
    {
        Assert.Multiple(() =>
        {
            foreach (var (workload, _, _, container) in Containers().Where(c => c.Kind != "Job"))
            {
                Assert.That(container.Text("livenessProbe.httpGet.path"), Is.EqualTo("/healthz"), $"{workload} liveness");
                Assert.That(container.Text("readinessProbe.httpGet.path"), Is.EqualTo("/readyz"), $"{workload} readiness");
            }
        });
    }

    [Test]
    public void Every_container_gets_a_writable_tmp_from_an_empty_dir()
    {
        Assert.Multiple(() =>
        {
            foreach (var (workload, _, pod, container) in Containers())
            {
                var tmp = container.Items("volumeMounts").SingleOrDefault(m => m.Text("mountPath") == "/tmp");
                Assert.That(tmp, Is.Not.Null, $"{workload} mounts /tmp");
                var volume = pod.Items("volumes").SingleOrDefault(v => v.Text("name") == tmp?.Text("name"));
                Assert.That(volume.At("emptyDir"), Is.Not.Null, $"{workload} /tmp is an emptyDir");
            }
        });
    }
}
