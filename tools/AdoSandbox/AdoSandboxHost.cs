using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Runner.Tools.AdoSandbox.Data;
using Runner.Tools.AdoSandbox.Diagnostics;
using Runner.Tools.AdoSandbox.Faults;
using Runner.Tools.AdoSandbox.Hooks;

namespace Runner.Tools.AdoSandbox;

/// <summary>
/// The sandbox hosted in-process on loopback, for tests and the benchmark:
/// <c>await using var sandbox = await AdoSandboxHost.StartAsync(new SandboxOptions { Projects = 5 });</c>
/// </summary>
public sealed class AdoSandboxHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private AdoSandboxHost(WebApplication app, SandboxOptions options, SandboxFaults faults, RequestLog log, Uri root)
    {
        _app = app;
        Options = options;
        Faults = faults;
        RequestLog = log;
        Root = root;
    }

    public SandboxOptions Options { get; }
    public SandboxFaults Faults { get; }
    public RequestLog RequestLog { get; }

    /// <summary><c>http://127.0.0.1:PORT/</c>; the control API lives at <c>{Root}_sandbox/…</c>.</summary>
    public Uri Root { get; }

    /// <summary><c>http://127.0.0.1:PORT/{org}</c>, what a client uses as its organization URL.</summary>
    public string BaseUrl => $"{Root.AbsoluteUri.TrimEnd('/')}/{Options.Organization}";

    /// <summary>Basic credentials ADO expects for a PAT: empty user name, the PAT as password.</summary>
    public AuthenticationHeaderValue Authorization =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(":" + Options.Pat)));

    /// <summary>Visible objects per kind now, including what the control API created or deleted.</summary>
    /// <summary>Service hook deliveries made so far (subscription, URL, status code received).</summary>
    public DeliveryLog Deliveries => _app.Services.GetRequiredService<DeliveryLog>();

    /// <summary>Duplicate, delay and reorder deliveries; replaced as a whole.</summary>
    public DeliveryFaults DeliveryFaults
    {
        get => _app.Services.GetRequiredService<HookDelivery>().Faults;
        set => _app.Services.GetRequiredService<HookDelivery>().Faults = value;
    }

    public IReadOnlyDictionary<string, long> ExpectedCounts() => SandboxCounts.Compute(Options, _app.Services.GetRequiredService<OrgState>());

    public static async Task<AdoSandboxHost> StartAsync(SandboxOptions? options = null, FaultSettings? faults = null, CancellationToken cancellationToken = default)
    {
        options ??= new SandboxOptions();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.ListenOnLoopback([$"http://{FormatHost(options.ListenAddress)}:{options.Port}"]);
        var sandboxFaults = new SandboxFaults(faults);
        var log = new RequestLog(options.RequestLogCapacity);
        builder.Services.AddAdoSandbox(options, sandboxFaults, log);
        var app = builder.Build();
        app.UseAdoSandbox();
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new AdoSandboxHost(app, options, sandboxFaults, log, new Uri(address.TrimEnd('/') + "/"));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static string FormatHost(string address) => address.Contains(':', StringComparison.Ordinal) ? $"[{address}]" : address;
}
