using System.Net;
using System.Net.Http.Json;
using Runner.Tests.Infrastructure;

namespace Runner.Tests.Installations;

public sealed class OrganizationUrlAcceptanceTests : ApiTests
{
    [TestCase("https://dev.azure.com/contoso")]
    [TestCase("https://dev.azure.com/contoso/")]
    [TestCase("https://contoso.visualstudio.com")]
    [TestCase("https://ado.contoso.com/tfs/DefaultCollection")]
    public async Task Azure_DevOps_services_and_server_urls_are_accepted(string url)
    {
        var tenant = await Factory.CreateTenantAsync();
        await tenant.Admin.PostAsJsonAsync("/api/v1/installations", new
        {
            integrationType = "azure-devops",
            name = "ADO",
            integrationSettings = new { organizationUrl = url, personalAccessToken = new { newSecret = new { name = "pat", value = "v" } } },
        }).ExpectAsync(HttpStatusCode.Created);
    }
}

/// <summary>With private networks allowed (development, the sandbox), loopback and http are accepted.</summary>
public sealed class PrivateNetworkOrganizationUrlTests : ApiTests
{
    protected override RunnerApiFactory CreateFactory() =>
        new(settings: new Dictionary<string, string?> { ["Runner:Egress:AllowPrivateNetworks"] = "true" });

    [Test]
    public async Task A_loopback_http_url_is_accepted()
    {
        var tenant = await Factory.CreateTenantAsync();
        await tenant.Admin.PostAsJsonAsync("/api/v1/installations", new
        {
            integrationType = "azure-devops",
            name = "Sandbox",
            integrationSettings = new { organizationUrl = "http://127.0.0.1:5081/demo", personalAccessToken = new { newSecret = new { name = "pat", value = "v" } } },
        }).ExpectAsync(HttpStatusCode.Created);
    }
}
