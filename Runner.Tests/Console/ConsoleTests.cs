using System.Net;
using System.Net.Http.Json;
using Microsoft.Playwright;
using Runner.Tests.Infrastructure;
using Runner.Tools.AdoSandbox;

namespace Runner.Tests.Console;

/// <summary>
/// The console in Debian's Chromium against a real Api + Worker + sandbox + PostgreSQL. One harness and
/// one browser per fixture; each test gets a fresh browser context (so a fresh sessionStorage) and its own tenant.
/// </summary>
public abstract class ConsoleTests
{
    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;
    private IBrowserContext _context = null!;

    protected ResyncHarness Harness { get; private set; } = null!;
    protected IPage Page { get; private set; } = null!;
    protected Uri BaseUrl { get; private set; } = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        // The browser is the system's; Playwright must never fetch one of its own.
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        Harness = await ResyncHarness.StartAsync(new SandboxOptions { Organization = "contoso" });
        using var client = Harness.Api.CreateClient(apiKey: null);
        BaseUrl = client.BaseAddress!;
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
        Assertions.SetDefaultExpectTimeout(15_000);
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
        await Harness.DisposeAsync();
    }

    [SetUp]
    public async Task OpenPageAsync()
    {
        _context = await _browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = BaseUrl.ToString(), ViewportSize = new ViewportSize { Width = 1360, Height = 900 } });
        Page = await _context.NewPageAsync();
    }

    [TearDown]
    public Task ClosePageAsync() => _context.CloseAsync();

    protected static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);

    /// <summary>A control by its label, exactly: an ⓘ button is labelled "About {label}" and must not match.</summary>
    protected ILocator Field(string label) => Page.GetByLabel(label, new() { Exact = true });

    protected async Task SignInAsync(string key)
    {
        await Page.GotoAsync("/");
        await Field("API key").FillAsync(key);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Sign out" })).ToBeVisibleAsync();
    }

    /// <summary>A full-page screenshot under the test output folder's screenshots/, for people to look at.</summary>
    protected Task ScreenshotAsync(string name)
    {
        var folder = Path.Combine(TestContext.CurrentContext.WorkDirectory, "screenshots");
        Directory.CreateDirectory(folder);
        return Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, $"{name}.png"), FullPage = true });
    }

    protected async Task<string> CreateMemberKeyAsync(ApiCalls.TestTenant tenant)
    {
        var created = await tenant.Admin.PostAsJsonAsync("/api/v1/api-keys", new { name = "reader", role = "member" }).ExpectAsync(HttpStatusCode.Created);
        return created["apiKey"]!.GetValue<string>();
    }
}
