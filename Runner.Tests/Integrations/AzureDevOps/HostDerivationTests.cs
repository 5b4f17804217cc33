using System.Text.Json;
using Runner.Domain.Integrations.AzureDevOps;
using Runner.Domain.Integrations.AzureDevOps.Http;

namespace Runner.Tests.Integrations.AzureDevOps;

public sealed class HostDerivationTests
{
    [Test]
    public void Dev_azure_com_areas_get_their_sub_domains()
    {
        var hosts = AzureDevOpsHosts.For(new Uri("https://dev.azure.com/contoso/"));
        Assert.That(hosts, Is.EqualTo(new AzureDevOpsHosts(
            new Uri("https://dev.azure.com/contoso"), new Uri("https://vsrm.dev.azure.com/contoso"),
            new Uri("https://vssps.dev.azure.com/contoso"), new Uri("https://vsaex.dev.azure.com/contoso"), new Uri("https://advsec.dev.azure.com/contoso"))));
    }

    [Test]
    public void Visualstudio_com_areas_insert_the_area_after_the_organization()
    {
        var hosts = AzureDevOpsHosts.For(new Uri("https://contoso.visualstudio.com"));
        Assert.That(hosts, Is.EqualTo(new AzureDevOpsHosts(
            new Uri("https://contoso.visualstudio.com"), new Uri("https://contoso.vsrm.visualstudio.com"),
            new Uri("https://contoso.vssps.visualstudio.com"), new Uri("https://contoso.vsaex.visualstudio.com"), new Uri("https://contoso.advsec.visualstudio.com"))));
    }

    [TestCase("https://ado.contoso.local/tfs/DefaultCollection")]
    [TestCase("http://127.0.0.1:5081/sandbox")]
    public void Server_and_sandbox_urls_serve_every_area_from_the_same_base(string url)
    {
        var hosts = AzureDevOpsHosts.For(new Uri(url));
        var expected = new Uri(url);
        Assert.That(new[] { hosts.Core, hosts.Release, hosts.Graph, hosts.Entitlements, hosts.AdvancedSecurity }, Has.All.EqualTo(expected));
    }

    [Test]
    public void Resource_areas_replace_the_named_areas_and_leave_the_others_on_the_cloud_naming()
    {
        var fallback = AzureDevOpsHosts.For(new Uri("https://dev.azure.com/contoso"));
        using var answer = JsonDocument.Parse("""
            {"count": 3, "value": [
              {"id": "efc2f575-36ef-48e9-b672-0c6fb4a48ac5", "name": "Release", "locationUrl": "https://release.example.com/contoso/"},
              {"id": "bb1e7ec9-e901-4b68-999a-de7012b920f8", "name": "graph", "locationUrl": "http://graph.example.com/contoso"},
              {"id": "79134c72-4a58-4b42-976c-04e7115f32bf", "name": "core", "locationUrl": "https://elsewhere.example.com/"}]}
            """);

        var hosts = ResourceAreaLocations.Apply(fallback, answer.RootElement);

        Assert.That(hosts, Is.EqualTo(fallback with
        {
            Release = new Uri("https://release.example.com/contoso"), Graph = new Uri("http://graph.example.com/contoso"),
        }), "the core host is the organization URL the tenant gave, whatever the answer says");
    }

    [TestCase("""{"value": [{"name": "Release", "locationUrl": "file:///etc/passwd"}]}""")]
    [TestCase("""{"value": [{"name": "Release", "locationUrl": "vsrm.dev.azure.com/contoso"}]}""")]
    [TestCase("""{"value": [{"name": "Release", "locationUrl": 42}, {"name": 7}, "Release", null]}""")]
    [TestCase("""{"value": {"name": "Release"}}""")]
    [TestCase("""[]""")]
    public void A_resource_area_answer_without_an_absolute_http_url_keeps_the_cloud_naming(string json)
    {
        var fallback = AzureDevOpsHosts.For(new Uri("https://dev.azure.com/contoso"));
        using var answer = JsonDocument.Parse(json);

        Assert.That(ResourceAreaLocations.Apply(fallback, answer.RootElement), Is.EqualTo(fallback));
    }
}
