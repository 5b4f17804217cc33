using System.Net;
using Runner.Tests.Infrastructure;

namespace Runner.Tests.Integrations;

public sealed class IntegrationCatalogTests : ApiTests
{
    [Test]
    public async Task Azure_DevOps_is_listed_with_the_settings_the_wizard_renders()
    {
        var tenant = await Factory.CreateTenantAsync();
        var catalog = await tenant.Admin.GetAsync("/api/v1/integrations").ExpectAsync(HttpStatusCode.OK);
        var ado = catalog["items"]!.AsArray().Single(i => i!["type"]!.GetValue<string>() == "azure-devops")!;

        Assert.That(ado["title"]!.GetValue<string>(), Is.EqualTo("Azure DevOps"));
        Assert.That(ado["installationMethods"]!.AsArray().Select(m => m!.GetValue<string>()), Is.EqualTo(new[] { "hosted" }));
        var kinds = ado["kinds"]!.AsArray().ToDictionary(k => k!["kind"]!.GetValue<string>(), k => k!);
        Assert.That(kinds, Has.Count.EqualTo(29));
        Assert.That(kinds.Where(k => k.Value["incremental"]!.GetValue<bool>()).Select(k => k.Key), Is.EquivalentTo(new[]
        {
            "work-item", "build", "release", "release-deployment", "pipeline-run", "test-run", "advanced-security-alert",
        }));
        Assert.That(kinds.Where(k => k.Value["live"]!.GetValue<bool>()).Select(k => k.Key), Is.EquivalentTo(new[]
        {
            "work-item", "pull-request", "repository", "branch", "build", "pipeline-run", "release",
        }));
        Assert.That(kinds["area-path"]["selectorOptions"]!.AsArray().Select(o => o!.GetValue<string>()), Is.EqualTo(new[] { "depth" }));

        var settings = ado["settings"]!.AsArray().ToDictionary(s => s!["name"]!.GetValue<string>(), s => s!);
        Assert.That(settings.Keys, Is.EquivalentTo(new[] { "organizationUrl", "personalAccessToken", "excludedTags" }));
        Assert.That(settings["organizationUrl"]["required"]!.GetValue<bool>(), Is.True);
        Assert.That(settings["organizationUrl"]["type"]!.GetValue<string>(), Is.EqualTo("url"));
        Assert.That(settings["personalAccessToken"]["sensitive"]!.GetValue<bool>(), Is.True);
        Assert.That(settings["excludedTags"]["required"]!.GetValue<bool>(), Is.False);
        Assert.That(settings.Values.Select(s => s["description"]!.GetValue<string>()), Has.All.Length.GreaterThan(20));

        var application = ado["applicationSettings"]!.AsArray().ToDictionary(s => s!["name"]!.GetValue<string>(), s => s!);
        Assert.That(application["resyncIntervalHours"]["default"]!.GetValue<int>(), Is.EqualTo(1));
        Assert.That(application["resyncIntervalHours"]["allowedValues"]!.AsArray().Select(v => v!.GetValue<int>()), Is.EqualTo(new[] { 1, 2, 3, 4, 6, 8, 12, 24 }));
        Assert.That(application["sendRawDataExamples"]["default"]!.GetValue<bool>(), Is.True);
        Assert.That(application.Values.Select(s => s["description"]!.GetValue<string>()), Has.All.Length.GreaterThan(20));
    }

    [Test]
    public async Task The_egress_addresses_come_from_configuration()
    {
        var tenant = await Factory.CreateTenantAsync();
        var egress = await tenant.Admin.GetAsync("/api/v1/egress-ips").ExpectAsync(HttpStatusCode.OK);
        Assert.That(egress["addresses"]!.AsArray().Select(a => a!.GetValue<string>()), Is.EqualTo(new[] { "203.0.113.10", "203.0.113.11" }));
    }
}
