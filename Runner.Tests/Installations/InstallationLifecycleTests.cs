using System.Net;
using System.Net.Http.Json;
using Runner.Tests.Infrastructure;

namespace Runner.Tests.Installations;

public sealed class InstallationLifecycleTests : ApiTests
{
    [Test]
    public async Task Creating_with_a_new_secret_stores_only_a_reference_and_applies_default_application_settings()
    {
        var tenant = await Factory.CreateTenantAsync();

        var created = await tenant.Admin.PostAsJsonAsync("/api/v1/installations", new
        {
            integrationType = "azure-devops",
            name = "Contoso ADO",
            integrationSettings = new
            {
                organizationUrl = "https://dev.azure.com/contoso",
                personalAccessToken = new { newSecret = new { name = "ado-pat", value = "pat-value-123" } },
            },
        }).ExpectAsync(HttpStatusCode.Created);

        Assert.That(created["integrationSettings"]!["personalAccessToken"]!.ToJsonString(), Is.EqualTo("""{"secret":"ado-pat"}"""));
        Assert.That(created["integrationSettings"]!["organizationUrl"]!.GetValue<string>(), Is.EqualTo("https://dev.azure.com/contoso"));
        Assert.That(created["applicationSettings"]!["resyncIntervalHours"]!.GetValue<int>(), Is.EqualTo(1));
        Assert.That(created["applicationSettings"]!["sendRawDataExamples"]!.GetValue<bool>(), Is.True);
        Assert.That(created["status"]!.GetValue<string>(), Is.EqualTo("active"));
        Assert.That(created.ToJsonString(), Does.Not.Contain("pat-value-123"));

        var secrets = await tenant.Admin.GetAsync("/api/v1/secrets").ExpectAsync(HttpStatusCode.OK);
        Assert.That(secrets["items"]![0]!["name"]!.GetValue<string>(), Is.EqualTo("ado-pat"));
        Assert.That(secrets["items"]![0]!["usedBy"]![0]!["name"]!.GetValue<string>(), Is.EqualTo("Contoso ADO"));
    }
}
