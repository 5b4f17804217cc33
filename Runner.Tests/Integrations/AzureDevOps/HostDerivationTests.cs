using Runner.Domain.Integrations.AzureDevOps;

namespace Runner.Tests.Integrations.AzureDevOps;

public sealed class HostDerivationTests
{
    [Test]
    public void Dev_azure_com_areas_get_their_sub_domains()
    {
        var hosts = AzureDevOpsHosts.For(new Uri("https://dev.azure.com/contoso/"));
        Assert.That(hosts, Is.EqualTo(new AzureDevOpsHosts(
            new Uri("https://dev.azure.com/contoso"), new Uri("https://vsrm.dev.azure.com/contoso"),
            new Uri("https://vssps.dev.azure.com/contoso"), new Uri("https://vsaex.dev.azure.com/contoso"))));
    }

    [Test]
    public void Visualstudio_com_areas_insert_the_area_after_the_organization()
    {
        var hosts = AzureDevOpsHosts.For(new Uri("https://contoso.visualstudio.com"));
        Assert.That(hosts, Is.EqualTo(new AzureDevOpsHosts(
            new Uri("https://contoso.visualstudio.com"), new Uri("https://contoso.vsrm.visualstudio.com"),
            new Uri("https://contoso.vssps.visualstudio.com"), new Uri("https://contoso.vsaex.visualstudio.com"))));
    }

    [TestCase("https://ado.contoso.local/tfs/DefaultCollection")]
    [TestCase("http://127.0.0.1:5081/sandbox")]
    public void Server_and_sandbox_urls_serve_every_area_from_the_same_base(string url)
    {
        var hosts = AzureDevOpsHosts.For(new Uri(url));
        var expected = new Uri(url);
        Assert.That(new[] { hosts.Core, hosts.Release, hosts.Graph, hosts.Entitlements }, Has.All.EqualTo(expected));
    }
}
