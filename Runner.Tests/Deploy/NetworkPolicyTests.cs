namespace Runner.Tests.Deploy;

[TestFixtureSource(typeof(RenderedOverlay), nameof(RenderedOverlay.Names))]
public sealed class NetworkPolicyTests(string overlay)
{
    [Test]
    public void Workers_may_reach_only_dns_postgres_and_https_through_their_own_policy()
    {
        var policy = RenderedOverlay.Of(overlay).Single("NetworkPolicy", "runner-worker");
        var egressPorts = policy.Items("spec.egress").SelectMany(rule => rule.Items("ports")).Select(p => p.Text("port")).Distinct();

        Assert.Multiple(() =>
        {
            Assert.That(policy.Items("spec.policyTypes").Select(t => t.Text("")), Is.EquivalentTo(new[] { "Ingress", "Egress" }));
            Assert.That(policy.Items("spec.ingress"), Is.Empty, "Workers take no traffic");
            Assert.That(policy.Items("spec.egress").All(rule => rule.Items("ports").Count > 0), "every egress rule names its ports");
            Assert.That(egressPorts, Is.EquivalentTo(new[] { "53", "5432", "443" }));
        });
    }

    [Test]
    public void Api_accepts_ingress_on_its_container_port()
    {
        var rendered = RenderedOverlay.Of(overlay);
        var containerPort = rendered.Single("Deployment", "runner-api").Items("spec.template.spec.containers").Single().Items("ports").Single().Text("containerPort");
        var ingressPorts = rendered.Single("NetworkPolicy", "runner-api").Items("spec.ingress").SelectMany(rule => rule.Items("ports")).Select(p => p.Text("port"));

        Assert.That(ingressPorts, Is.EqualTo(new[] { containerPort }));
    }
}
