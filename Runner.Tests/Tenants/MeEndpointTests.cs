using System.Net;
using Runner.Tests.Infrastructure;

namespace Runner.Tests.Tenants;

public sealed class MeEndpointTests : ApiTests
{
    [Test]
    public async Task A_tenant_key_learns_its_role_and_tenant()
    {
        var tenant = await Factory.CreateTenantAsync("Fabrikam");
        using var member = await Factory.CreateMemberAsync(tenant);

        var admin = await tenant.Admin.GetAsync("/api/v1/me").ExpectAsync(HttpStatusCode.OK);
        var reader = await member.GetAsync("/api/v1/me").ExpectAsync(HttpStatusCode.OK);

        Assert.That(admin["role"]!.GetValue<string>(), Is.EqualTo("admin"));
        Assert.That(admin["tenantId"]!.GetValue<string>(), Is.EqualTo(tenant.Id.ToString()));
        Assert.That(admin["tenantName"]!.GetValue<string>(), Is.EqualTo("Fabrikam"));
        Assert.That(reader["role"]!.GetValue<string>(), Is.EqualTo("member"));
    }

    [Test]
    public async Task The_operator_key_learns_only_that_it_is_the_operator()
    {
        using var operatorClient = Factory.CreateClient(RunnerApiFactory.OperatorKey);

        var me = await operatorClient.GetAsync("/api/v1/me").ExpectAsync(HttpStatusCode.OK);

        Assert.That(me["role"]!.GetValue<string>(), Is.EqualTo("operator"));
        Assert.That(me["tenantId"], Is.Null);
    }

    [Test]
    public async Task Without_a_key_it_is_401()
    {
        using var anonymous = Factory.CreateClient(apiKey: null);
        await anonymous.GetAsync("/api/v1/me").ExpectProblemAsync(HttpStatusCode.Unauthorized);
    }
}
