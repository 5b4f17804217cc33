using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Runner.Tests.Infrastructure;

namespace Runner.Tests.Console;

public sealed partial class WizardTests : ConsoleTests
{
    [Test]
    public async Task The_wizard_creates_a_data_source_whose_first_resync_finishes_in_the_history_with_counts()
    {
        var tenant = await Harness.Api.CreateTenantAsync("Contoso");
        await SignInAsync(tenant.AdminKey);
        await Expect(Page.GetByText("No data sources yet")).ToBeVisibleAsync();

        await Page.GetByRole(AriaRole.Link, new() { Name = "+ Data source" }).First.ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Radio, new() { Name = "Azure DevOps" })).ToBeCheckedAsync();
        await ScreenshotAsync("wizard-1-integration");
        await NextAsync();
        await Expect(Page.GetByRole(AriaRole.Radio, new() { Name = "Hosted by Port" })).ToBeCheckedAsync();
        await ScreenshotAsync("wizard-2-installation-method");
        await NextAsync();

        // Each setting's ⓘ shows its description on hover and on keyboard focus.
        var info = Page.GetByRole(AriaRole.Button, new() { Name = "About Organization URL" });
        var tip = Page.GetByRole(AriaRole.Tooltip).Filter(new() { HasText = "URL of your Azure DevOps organization" });
        await Expect(tip).ToBeHiddenAsync();
        await info.HoverAsync();
        await Expect(tip).ToBeVisibleAsync();
        await Page.Mouse.MoveAsync(0, 0);
        await Expect(tip).ToBeHiddenAsync();
        await info.FocusAsync();
        await Expect(tip).ToBeVisibleAsync();
        await ScreenshotAsync("wizard-3-integration-settings");

        await Field("Organization URL").FillAsync(Harness.Sandbox.BaseUrl);
        await Expect(Page.GetByRole(AriaRole.Radio, new() { Name = "Create a new Port secret" })).ToBeCheckedAsync();
        await Field("Secret name").FillAsync("ado-pat");
        await Expect(Field("Secret value")).ToHaveAttributeAsync("type", "password");
        await Field("Secret value").FillAsync(ResyncHarness.Pat);
        await NextAsync();

        await Expect(Field("Resync interval")).ToHaveValueAsync("1");
        await Expect(Field("Resync interval").Locator("option")).ToHaveTextAsync(
            ["Every hour", "Every 2 hours", "Every 3 hours", "Every 4 hours", "Every 6 hours", "Every 8 hours", "Every 12 hours", "Once a day (every 24 hours)"]);
        await Expect(Field("Send raw data examples")).ToBeCheckedAsync();
        await Expect(Page.GetByText("test your jq mapping against real data")).ToBeVisibleAsync();
        await ScreenshotAsync("wizard-4-application-settings");
        await NextAsync();

        await Expect(Page.Locator("pre.ips")).ToHaveTextAsync("203.0.113.10\n203.0.113.11");
        await Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Copy addresses" })).ToBeVisibleAsync();
        await ScreenshotAsync("wizard-5-egress-ips");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Create data source" }).ClickAsync();

        // The installation page, with the first run in its history (queued or running at first), then finished.
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Azure DevOps", Level = 1 })).ToBeVisibleAsync();
        await Expect(Page.Locator(".runs .run")).ToHaveCountAsync(1);
        // The page loads right after the trigger, while the run is queued or running (LiveProgressTests covers its progress).
        await Expect(Page.Locator(".live .running")).ToBeVisibleAsync();
        await ScreenshotAsync("installation-first-resync");
        var finished = Page.Locator(".runs .run[data-status=succeeded]");
        await Expect(finished).ToBeVisibleAsync(new() { Timeout = 180_000 });
        await Expect(finished).ToContainTextAsync(FetchedCount());
        await Expect(Page.Locator(".live .running")).ToHaveCountAsync(0);
        await finished.Locator("summary").ClickAsync();
        await Expect(finished.Locator("table.kinds tr[data-kind=project]")).ToBeVisibleAsync();
        await ScreenshotAsync("installation-finished-run");

        await Page.GetByRole(AriaRole.Link, new() { Name = "Data sources" }).First.ClickAsync();
        await Expect(Page.Locator("table.sources tbody tr")).ToContainTextAsync(FetchedCount());
        await Expect(Page.Locator("table.sources tbody tr")).ToContainTextAsync("Active");
        await ScreenshotAsync("data-sources");

        await Page.GetByRole(AriaRole.Link, new() { Name = "Catalog" }).ClickAsync();
        await Page.GetByRole(AriaRole.Navigation, new() { Name = "Blueprints" }).GetByRole(AriaRole.Button).First.ClickAsync();
        var rows = Page.Locator("table.entities tbody tr");
        await Expect(rows.First).ToBeVisibleAsync();
        var firstTitle = (await rows.First.GetByRole(AriaRole.Button).InnerTextAsync()).Trim();
        await Field("Search").FillAsync(firstTitle);
        await Expect(rows.First).ToContainTextAsync(firstTitle);
        await rows.First.GetByRole(AriaRole.Button).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Properties" })).ToBeVisibleAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Relations" })).ToBeVisibleAsync();
        await ScreenshotAsync("catalog");
    }

    [Test]
    public async Task A_secret_created_inline_in_the_wizard_is_listed_as_used_by_the_new_data_source_and_can_be_rotated_but_not_deleted()
    {
        var tenant = await Harness.Api.CreateTenantAsync("Fabrikam");
        await SignInAsync(tenant.AdminKey);
        await Page.GotoAsync("/#/sources/new");
        await NextAsync();
        await NextAsync();
        await Field("Data source name").FillAsync("Fabrikam ADO");
        await Field("Organization URL").FillAsync(Harness.Sandbox.BaseUrl);
        await Field("Secret name").FillAsync("fabrikam-pat");
        await Field("Secret value").FillAsync(ResyncHarness.Pat);
        await NextAsync();
        await NextAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Create data source" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Fabrikam ADO", Level = 1 })).ToBeVisibleAsync();
        await Expect(Page.GetByRole(AriaRole.Radio, new() { Name = "Keep the current secret “fabrikam-pat”" })).ToBeCheckedAsync();

        await Page.GetByRole(AriaRole.Link, new() { Name = "Secrets" }).ClickAsync();
        var row = Page.Locator("tr[data-secret=fabrikam-pat]");
        await Expect(row).ToContainTextAsync("Fabrikam ADO");

        // Deleting a secret in use is refused, and the page says why and what to do.
        Page.Dialog += (_, dialog) => dialog.AcceptAsync();
        await row.GetByRole(AriaRole.Button, new() { Name = "Delete" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Alert)).ToContainTextAsync("is in use");
        await Expect(Page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Fabrikam ADO");
        await ScreenshotAsync("secrets");

        await row.GetByRole(AriaRole.Button, new() { Name = "Rotate" }).ClickAsync();
        await Field("New value for fabrikam-pat").FillAsync("a-rotated-pat");
        await row.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Alert)).ToContainTextAsync("“fabrikam-pat” rotated.");
        await Expect(row.GetByRole(AriaRole.Button, new() { Name = "Rotate" })).ToBeVisibleAsync();
    }

    [Test]
    public async Task A_validation_error_is_shown_beside_the_field_it_names()
    {
        var tenant = await Harness.Api.CreateTenantAsync("Northwind");
        await SignInAsync(tenant.AdminKey);
        await Page.GotoAsync("/#/sources/new");
        await NextAsync();
        await NextAsync();
        await Field("Organization URL").FillAsync("https://dev.azure.com/contoso/extra/path");
        await Field("Secret value").FillAsync("a-pat");
        await NextAsync();
        await NextAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Create data source" }).ClickAsync();

        // The error belongs to a field two steps back: the wizard returns there and puts it under the field.
        var field = Page.Locator("[data-field='integrationSettings.organizationUrl']");
        await Expect(field.Locator(".field-error")).ToHaveTextAsync("must be https://dev.azure.com/{organization}");
        await Expect(Field("Organization URL")).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(Field("Organization URL")).ToBeFocusedAsync();
        await ScreenshotAsync("wizard-validation-error");
    }

    private Task NextAsync() => Page.GetByRole(AriaRole.Button, new() { Name = "Next", Exact = true }).ClickAsync();

    [GeneratedRegex(@"[1-9][\d,]* fetched")]
    private static partial Regex FetchedCount();
}
