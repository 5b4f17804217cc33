using System.Net;
using System.Net.Http.Json;
using System.Text;
using Runner.Domain.Common;
using Runner.Tests.Infrastructure;
using Runner.Tests.Installations;

namespace Runner.Tests.Mapping;

/// <summary>
/// Every way a tenant sends a mapping (PUT, the optional mapping of POST /installations, the tester's string)
/// answers hostile text with a 400 naming the limit; before, some of these took the Api down or answered 500.
/// </summary>
public sealed class HostileMappingEndpointTests : ApiTests
{
    private static IEnumerable<TestCaseData> Hostile()
    {
        yield return new TestCaseData(new string('[', 100_000), $"nests deeper than {InputLimits.MaxDepth} levels").SetArgDisplayNames("100,000 nested lists");
        yield return new TestCaseData(string.Concat(Enumerable.Repeat("{\"a\":", 1000)) + "1" + new string('}', 1000), "nests deeper than").SetArgDisplayNames("1,000-deep object");
        yield return new TestCaseData(AliasBomb(), $"holds more than {InputLimits.MaxMappingNodes} values").SetArgDisplayNames("9x9 alias bomb");
        yield return new TestCaseData("""{"resources": [], "entityDeletionThreshold": 1e400}""", "1e400 is out of range").SetArgDisplayNames("1e400");
        yield return new TestCaseData("resources:\n  - kind: project\n    selector: {query: 1e400}\n", "1e400 is out of range").SetArgDisplayNames("1e400 as jq");
        yield return new TestCaseData("\t\t: : :\n- - [", "is not valid YAML").SetArgDisplayNames("malformed YAML");
        yield return new TestCaseData("resources: []\ntitle: \"a\u0000b\"\n", "is not valid YAML").SetArgDisplayNames("NUL character");
        yield return new TestCaseData("resources: []\n#" + new string('x', InputLimits.MaxMappingCharacters), $"is longer than {InputLimits.MaxMappingCharacters} characters").SetArgDisplayNames("too long");
    }

    private static string AliasBomb()
    {
        var yaml = new StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x]\n");
        for (var i = 1; i <= 9; i++)
        {
            yaml.Append($"a{i}: &a{i} [{string.Join(", ", Enumerable.Repeat($"*a{i - 1}", 9))}]\n");
        }
        return yaml.ToString();
    }

    [TestCaseSource(nameof(Hostile))]
    public async Task Put_mapping_refuses_it_naming_the_limit(string mapping, string reason)
    {
        var (tenant, id) = await InstallAsync();

        await tenant.Admin.PutAsync($"/api/v1/installations/{id}/mapping", new StringContent(mapping, Encoding.UTF8, "application/yaml"))
            .ExpectProblemAsync(HttpStatusCode.BadRequest, "(document)", reason);
        Assert.That(await tenant.Admin.GetStringAsync($"/api/v1/installations/{id}/mapping"), Does.Contain("kind: project"), "the default mapping is kept");
    }

    [TestCaseSource(nameof(Hostile))]
    public async Task Creating_an_installation_with_it_is_refused_naming_the_limit(string mapping, string reason)
    {
        var tenant = await Factory.CreateTenantAsync();
        var request = new
        {
            integrationType = "azure-devops",
            name = "Hostile",
            integrationSettings = new { organizationUrl = "https://dev.azure.com/contoso", personalAccessToken = new { newSecret = new { name = "pat", value = "v" } } },
            mapping,
        };

        await tenant.Admin.PostAsJsonAsync("/api/v1/installations", request).ExpectProblemAsync(HttpStatusCode.BadRequest, "mapping.(document)", reason);
    }

    [TestCaseSource(nameof(Hostile))]
    public async Task The_tester_refuses_it_naming_the_limit(string mapping, string reason)
    {
        var (tenant, id) = await InstallAsync();

        await tenant.Admin.PostAsJsonAsync($"/api/v1/installations/{id}/mapping/test", new { kind = "project", mapping })
            .ExpectProblemAsync(HttpStatusCode.BadRequest, "(document)", reason);
    }

    private async Task<(ApiCalls.TestTenant Tenant, string InstallationId)> InstallAsync()
    {
        var tenant = await Factory.CreateTenantAsync();
        var installation = await tenant.Admin.PostAsJsonAsync("/api/v1/installations", InstallationRequests.AzureDevOps()).ExpectAsync(HttpStatusCode.Created);
        return (tenant, installation["id"]!.GetValue<string>());
    }
}
