extern alias worker;

using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using WorkerOptions = worker::Runner.Worker.Hosting.WorkerOptions;

namespace Runner.Tests.Infrastructure;

/// <summary>Runner.Worker in-process (its Hangfire server included) on the test database, sharing the Api's KEK.</summary>
public sealed class RunnerWorkerFactory(string connectionString, string kekBase64, IReadOnlyDictionary<string, string?>? settings = null)
    : WebApplicationFactory<WorkerOptions>
{
    public CapturedLogs Logs { get; } = new();

    public IReadOnlyDictionary<string, string?>? Settings { get; } = settings;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        builder.UseEnvironment("Testing");
        builder.UseSetting("Runner:Database:ConnectionString", connectionString);
        builder.UseSetting("Runner:Secrets:Local:Key", kekBase64);
        builder.UseSetting("Runner:Egress:AllowPrivateNetworks", "true");
        builder.UseSetting("Runner:Worker:WorkerCount", "2");
        foreach (var (key, value) in Settings ?? new Dictionary<string, string?>())
        {
            builder.UseSetting(key, value);
        }
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<ILoggerProvider>(Logs);
            services.Configure<LoggerFilterOptions>(o => o.AddFilter<CapturedLogs>(null, LogLevel.Trace).AddFilter<Microsoft.Extensions.Logging.Console.ConsoleLoggerProvider>(null, LogLevel.Warning));
        });
    }

    /// <summary>Starts the host (and its Hangfire server).</summary>
    public void Start() => CreateClient().Dispose();
}
