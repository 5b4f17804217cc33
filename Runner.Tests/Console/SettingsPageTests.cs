using System.Net;
using Microsoft.Playwright;
using Runner.Domain.Resync.Scheduling;
using Runner.Tests.Infrastructure;

namespace Runner.Tests.Console;

public sealed class SettingsPageTests : ConsoleTests
{
    [Test]
    public async Task Changing_the_interval_persists()
    {
        var (tenant, id, _) = await Harness.InstallAsync();
        await SignInAsync(tenant.AdminKey);
        await Page.GotoAsync($"/#/installations/{id}");

        await Field("Resync interval").SelectOptionAsync("6");
        await Field("Send raw data examples").UncheckAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Save application settings" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Saved" })).ToBeVisibleAsync();
        await ScreenshotAsync("installation-settings");

        await Page.ReloadAsync();
        await Expect(Field("Resync interval")).ToHaveValueAsync("6");
        await Expect(Field("Send raw data examples")).Not.ToBeCheckedAsync();
        var after = await tenant.Admin.GetAsync($"/api/v1/installations/{id}").ExpectAsync(HttpStatusCode.OK);
        Assert.That(after["applicationSettings"]!["resyncIntervalHours"]!.GetValue<int>(), Is.EqualTo(6));
        // The next resync follows the 6-hourly schedule. (It is not compared with the hourly one: both can name the
        // same minute, which made this test fail about one run in six.)
        var sixHourly = ResyncCron.NextAfter(ResyncCron.Cron(Guid.Parse(id), 6), DateTimeOffset.UtcNow);
        Assert.That(after["nextResyncAt"]!.GetValue<DateTimeOffset>(), Is.EqualTo(sixHourly).Within(TimeSpan.FromMinutes(1)));
        await Expect(Page.Locator(".next-resync")).ToBeVisibleAsync();
    }

    [Test]
    public async Task The_installation_page_shows_live_events_and_turning_them_off_persists()
    {
        var (tenant, id, _) = await Harness.InstallAsync();
        await SignInAsync(tenant.AdminKey);
        await Page.GotoAsync($"/#/installations/{id}");

        // The console's Runner has no public URL, so live events are off and the card says why.
        var card = Page.Locator(".live-events section");
        await Expect(card).ToHaveAttributeAsync("data-live-status", "off");
        await Expect(card).ToContainTextAsync("PublicUrl");
        await Expect(card).ToContainTextAsync("Received");

        await Field("Live events").UncheckAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Save application settings" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Saved" })).ToBeVisibleAsync();
        var after = await tenant.Admin.GetAsync($"/api/v1/installations/{id}").ExpectAsync(HttpStatusCode.OK);
        Assert.That(after["applicationSettings"]!["liveEvents"]!.GetValue<bool>(), Is.False);
    }

    [Test]
    public async Task A_member_sees_everything_but_no_admin_buttons()
    {
        var (tenant, id, _) = await Harness.InstallAsync();
        await SignInAsync(await CreateMemberKeyAsync(tenant));

        await Expect(Page.Locator("table.sources tbody tr")).ToHaveCountAsync(1);
        await Expect(Page.GetByRole(AriaRole.Link, new() { Name = "+ Data source" })).ToHaveCountAsync(0);

        await Page.GetByRole(AriaRole.Link, new() { Name = "Sandbox" }).ClickAsync();
        await Expect(Field("Resync interval")).ToBeDisabledAsync();
        await Expect(Field("Organization URL")).ToBeDisabledAsync();
        await Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Resync now" })).ToHaveCountAsync(0);
        await Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Save application settings" })).ToHaveCountAsync(0);
        await Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Save integration settings" })).ToHaveCountAsync(0);
        await Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Remove data source" })).ToHaveCountAsync(0);
        await ScreenshotAsync("member-installation");

        await Page.GetByRole(AriaRole.Link, new() { Name = "Mapping" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Test mapping" })).ToBeVisibleAsync();
        await Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Save mapping" })).ToHaveCountAsync(0);

        await Page.GetByRole(AriaRole.Link, new() { Name = "Secrets" }).ClickAsync();
        await Expect(Page.Locator("tr[data-secret=pat]")).ToContainTextAsync("Sandbox");
        await Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Create secret" })).ToHaveCountAsync(0);
        await Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Rotate" })).ToHaveCountAsync(0);
        await Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Delete" })).ToHaveCountAsync(0);
        await Page.GotoAsync("/#/sources/new");
        await Expect(Page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Only an admin");
    }

    [Test]
    public async Task The_operator_key_opens_the_tenants_page_which_shows_a_new_tenants_key_once()
    {
        await Page.GotoAsync("/");
        await Expect(Field("API key")).ToBeFocusedAsync();
        await ScreenshotAsync("sign-in");
        await SignInAsync(RunnerApiFactory.OperatorKey);
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Tenants" })).ToBeVisibleAsync();

        await Field("Tenant name").FillAsync("Tailspin");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Create tenant" }).ClickAsync();

        await Expect(Page.GetByText("Tenant “Tailspin” created")).ToBeVisibleAsync();
        var key = await Page.Locator("code.secret-value").InnerTextAsync();
        await ScreenshotAsync("tenants");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await SignInAsync(key);
        await Expect(Page.GetByText("No data sources yet")).ToBeVisibleAsync();
        await Expect(Page.Locator(".tenant-name")).ToHaveTextAsync("Tailspin");
    }
}
