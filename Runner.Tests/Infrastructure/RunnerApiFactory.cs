using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Runner.Tests.Infrastructure;

/// <summary>Runner.Api on real Kestrel (loopback, random port) against the test database, with logs captured.</summary>
public sealed class RunnerApiFactory : WebApplicationFactory<Program>
{
    public const string OperatorKey = "test-operator-key-0123456789abcdef0123456789";

    public RunnerApiFactory(string? connectionString = null, IReadOnlyDictionary<string, string?>? settings = null)
    {
        ConnectionString = connectionString ?? Runner.Tests.TestDatabase.ConnectionString;
        Settings = settings ?? new Dictionary<string, string?>();
        UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
    }

    public string ConnectionString { get; }

    public IReadOnlyDictionary<string, string?> Settings { get; }

    public CapturedLogs Logs { get; } = new();

    /// <summary>The local KEK of this host, so tests can build a second host with the same key.</summary>
    public string KekBase64 { get; } = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Runner:Database:ConnectionString", ConnectionString);
        builder.UseSetting("Runner:Bootstrap:AdminApiKey", OperatorKey);
        builder.UseSetting("Runner:Secrets:KekProvider", "local");
        builder.UseSetting("Runner:Secrets:Local:Key", KekBase64);
        builder.UseSetting("Runner:Egress:AllowPrivateNetworks", "false");
        builder.UseSetting("Runner:Egress:Addresses:0", "203.0.113.10");
        builder.UseSetting("Runner:Egress:Addresses:1", "203.0.113.11");
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<ILoggerProvider>(Logs);
            services.AddSingleton<IStartupFilter, ObservedResponses.Recorder>();
            // Everything reaches the capture (secrets must not appear at any level); the console stays quiet.
            services.Configure<LoggerFilterOptions>(o => o.AddFilter<CapturedLogs>(null, LogLevel.Trace).AddFilter<Microsoft.Extensions.Logging.Console.ConsoleLoggerProvider>(null, LogLevel.Warning));
        });
    }

    public HttpClient CreateClient(string? apiKey)
    {
        var client = CreateClient();
        if (apiKey is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        }
        return client;
    }
}
