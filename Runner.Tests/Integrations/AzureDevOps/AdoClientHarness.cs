using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Runner.Domain.Integrations.AzureDevOps;
using Runner.Domain.Integrations.AzureDevOps.Fetching;
using Runner.Tools.AdoSandbox;
using Runner.Tools.AdoSandbox.Faults;

namespace Runner.Tests.Integrations.AzureDevOps;

/// <summary>A sandbox organization plus the real client wired as in production, with quick retries for tests.</summary>
internal sealed class AdoClientHarness : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private AdoClientHarness(AdoSandboxHost sandbox, ServiceProvider services)
    {
        Sandbox = sandbox;
        _services = services;
    }

    public AdoSandboxHost Sandbox { get; }
    public AzureDevOpsFetchSessionFactory Factory => _services.GetRequiredService<AzureDevOpsFetchSessionFactory>();

    public static async Task<AdoClientHarness> StartAsync(SandboxOptions sandboxOptions, FaultSettings? faults = null, int maxRetries = 3)
    {
        var sandbox = await AdoSandboxHost.StartAsync(sandboxOptions, faults);
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        services.AddRunnerAzureDevOps();
        services.Configure<AzureDevOpsOptions>(o =>
        {
            o.MaxRetries = maxRetries;
            o.RetryBaseDelay = TimeSpan.FromMilliseconds(5);
            o.MaxRetryDelay = TimeSpan.FromMilliseconds(50);
            o.LowRemainingPause = TimeSpan.FromMilliseconds(20);
        });
        return new AdoClientHarness(sandbox, services.BuildServiceProvider());
    }

    public AzureDevOpsFetchSession Open(Action<AzureDevOpsOptions>? configure = null, string? pat = null, IReadOnlyList<string>? excludedTags = null)
    {
        var options = new AzureDevOpsOptions
        {
            MaxRetries = 3,
            RetryBaseDelay = TimeSpan.FromMilliseconds(5),
            MaxRetryDelay = TimeSpan.FromMilliseconds(50),
            LowRemainingPause = TimeSpan.FromMilliseconds(20),
        };
        configure?.Invoke(options);
        var connection = new AzureDevOpsConnection(new Uri(Sandbox.BaseUrl), pat ?? Sandbox.Options.Pat, "installation-1", excludedTags ?? []);
        return Factory.Open(connection, options);
    }

    public static async Task<List<JsonElement>> FetchAllAsync(
        AzureDevOpsFetchSession session, string kind, IReadOnlyDictionary<string, JsonElement>? selector = null, List<int>? pageSizes = null)
    {
        var items = new List<JsonElement>();
        await foreach (var page in session.FetchAsync(kind, selector ?? new Dictionary<string, JsonElement>()))
        {
            Assert.That(page.Kind, Is.EqualTo(kind));
            pageSizes?.Add(page.Items.Count);
            items.AddRange(page.Items.Select(item => JsonDocument.Parse(item).RootElement.Clone()));
        }
        return items;
    }

    public static IReadOnlyDictionary<string, JsonElement> Selector(object options) =>
        JsonSerializer.SerializeToElement(options).EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone());

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await Sandbox.DisposeAsync();
    }
}
