using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
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

    /// <param name="settings">Configuration on top of <c>Runner:Egress:AllowPrivateNetworks=true</c> (the sandbox is on loopback).</param>
    /// <param name="logs">Receives the client's log lines.</param>
    public static async Task<AdoClientHarness> StartAsync(
        SandboxOptions sandboxOptions, FaultSettings? faults = null, int maxRetries = 3,
        IReadOnlyDictionary<string, string?>? settings = null, ILoggerProvider? logs = null)
    {
        var sandbox = await AdoSandboxHost.StartAsync(sandboxOptions, faults);
        var services = new ServiceCollection();
        services.AddLogging(builder =>
        {
            if (logs is not null)
            {
                builder.AddProvider(logs);
            }
        });
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Runner:Egress:AllowPrivateNetworks"] = "true" })
            .AddInMemoryCollection(settings ?? new Dictionary<string, string?>())
            .Build();
        services.AddSingleton<IConfiguration>(configuration);
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

    public AzureDevOpsFetchSession Open(
        Action<AzureDevOpsOptions>? configure = null, string? pat = null, IReadOnlyList<string>? excludedTags = null,
        string installationId = "installation-1", Uri? organizationUrl = null)
    {
        var options = new AzureDevOpsOptions
        {
            MaxRetries = 3,
            RetryBaseDelay = TimeSpan.FromMilliseconds(5),
            MaxRetryDelay = TimeSpan.FromMilliseconds(50),
            LowRemainingPause = TimeSpan.FromMilliseconds(20),
        };
        configure?.Invoke(options);
        var connection = new AzureDevOpsConnection(organizationUrl ?? new Uri(Sandbox.BaseUrl), pat ?? Sandbox.Options.Pat, installationId, excludedTags ?? []);
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
