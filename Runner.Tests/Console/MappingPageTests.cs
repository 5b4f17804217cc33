using Microsoft.Playwright;

namespace Runner.Tests.Console;

public sealed class MappingPageTests : ConsoleTests
{
    [Test]
    public async Task The_tester_shows_an_entity_then_a_jq_error_and_an_invalid_mapping_is_not_saved()
    {
        var (tenant, id, _) = await Harness.InstallAsync();
        await SignInAsync(tenant.AdminKey);
        await Page.GotoAsync($"/#/installations/{id}/mapping");

        await Expect(Field("Kind")).ToHaveValueAsync("project");
        await Expect(Page.Locator("details.example").First).ToBeVisibleAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Test mapping" }).ClickAsync();
        // A generous timeout: the Api compiles the whole mapping (every field on its own, then per resource) on a busy machine.
        await Expect(Page.Locator("pre.entity").First).ToContainTextAsync("\"blueprint\": \"azureDevopsProject\"", new() { Timeout = 60_000 });
        await Expect(Page.Locator(".results").GetByText("selector matched").First).ToBeVisibleAsync();
        await ScreenshotAsync("mapping-test-entity");

        var editor = Field("Port app config (YAML)");
        var yaml = await editor.InputValueAsync();
        // The first title mapping is the project's: a name is not a number, so jq fails at run time.
        await editor.FillAsync(ReplaceFirst(yaml, "title: .name", "title: .name | tonumber"));
        await Page.GetByRole(AriaRole.Button, new() { Name = "Test mapping" }).ClickAsync();
        await Expect(Page.Locator("pre.jq-error").First).ToContainTextAsync("resources[0].port.entity.mappings.title", new() { Timeout = 60_000 });
        await Expect(Page.Locator("pre.entity")).ToHaveCountAsync(0);
        await ScreenshotAsync("mapping-test-jq-error");

        await editor.FillAsync(ReplaceFirst(yaml, "title: .name", "title: .name | ]["));
        await Page.GetByRole(AriaRole.Button, new() { Name = "Save mapping" }).ClickAsync();
        await Expect(Page.Locator(".editor-messages [role=alert]")).ToContainTextAsync("Not saved", new() { Timeout = 60_000 });
        await Expect(Page.Locator(".editor-messages [role=alert]")).ToContainTextAsync("resources[0]");
        await ScreenshotAsync("mapping-save-rejected");
        await Page.ReloadAsync();
        await Expect(editor).Not.ToHaveValueAsync(new System.Text.RegularExpressions.Regex(@"\]\["));
    }

    private static string ReplaceFirst(string text, string find, string replacement)
    {
        var at = text.IndexOf(find, StringComparison.Ordinal);
        Assert.That(at, Is.GreaterThanOrEqualTo(0), $"'{find}' is not in the default mapping");
        return string.Concat(text.AsSpan(0, at), replacement, text.AsSpan(at + find.Length));
    }
}
