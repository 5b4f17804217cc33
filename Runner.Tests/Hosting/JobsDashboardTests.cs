using System.Net;
using Runner.Tests.Infrastructure;

namespace Runner.Tests.Hosting;

public sealed class JobsDashboardTests : ApiTests
{
    [Test]
    public async Task The_hangfire_dashboard_is_for_the_operator_only_and_never_shows_the_connection_string()
    {
        var tenant = await Factory.CreateTenantAsync();
        using var anonymous = Factory.CreateClient(apiKey: null);
        Assert.That((await anonymous.GetAsync("/hangfire")).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That((await tenant.Admin.GetAsync("/hangfire")).StatusCode, Is.AnyOf(HttpStatusCode.Unauthorized, HttpStatusCode.Forbidden));

        using var operatorClient = Factory.CreateClient(RunnerApiFactory.OperatorKey);
        var page = await operatorClient.GetAsync("/hangfire/recurring");
        Assert.That(page.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var html = await page.Content.ReadAsStringAsync();
        Assert.That(html, Does.Contain("Runner jobs"));
        Assert.That(html, Does.Not.Contain("Password").And.Not.Contain("Host=127.0.0.1"));
    }
}
