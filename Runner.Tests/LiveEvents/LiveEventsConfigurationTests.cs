using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Runner.Tests.Infrastructure;
using Runner.Tests.Installations;

namespace Runner.Tests.LiveEvents;

public sealed class LiveEventsConfigurationTests : ApiTests
{
    // The host the Api and the Worker share, started with only this feature: starting the whole Api through
    // WebApplicationFactory sometimes reported the failed start as an ObjectDisposedException from its own teardown.
    [TestCase("not a url")]
    [TestCase("ftp://runner.example.com/")]
    [TestCase("/relative")]
    [TestCase("https://runner.example.com/?x=1")]
    public async Task A_public_url_that_is_not_an_absolute_http_url_stops_the_host_at_start_up(string publicUrl)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Runner:LiveEvents:PublicUrl"] = publicUrl });
        builder.Logging.ClearProviders();
        builder.Services.AddRunnerInstallations();
        using var host = builder.Build();

        var error = Assert.CatchAsync(() => host.StartAsync());

        Assert.That(error, Is.InstanceOf<OptionsValidationException>());
        Assert.That(error!.Message, Does.Contain("Runner:LiveEvents:PublicUrl"));
    }

    [Test]
    public async Task Without_a_public_url_live_events_are_off_and_the_installation_says_why()
    {
        var tenant = await Factory.CreateTenantAsync();
        var installation = await tenant.Admin.PostAsJsonAsync("/api/v1/installations", InstallationRequests.AzureDevOps()).ExpectAsync(HttpStatusCode.Created);

        var live = installation["liveEvents"]!;
        Assert.That(live["status"]!.GetValue<string>(), Is.EqualTo("off"));
        Assert.That(live["reason"]!.GetValue<string>(), Does.Contain("PublicUrl"));
        Assert.That(installation["applicationSettings"]!["liveEvents"]!.GetValue<bool>(), Is.True, "the setting defaults to on");
        Assert.That(installation.ToJsonString(), Does.Not.Contain("webhookCredential").IgnoreCase);
    }

    [Test]
    public async Task The_integration_catalog_describes_the_live_events_setting()
    {
        var tenant = await Factory.CreateTenantAsync();
        var integrations = await tenant.Admin.GetAsync("/api/v1/integrations").ExpectAsync(HttpStatusCode.OK);

        var setting = integrations.ToJsonString();
        Assert.That(setting, Does.Contain("\"liveEvents\""));
        Assert.That(setting, Does.Contain("service hooks"));
    }
}
