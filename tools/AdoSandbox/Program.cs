using Runner.Tools.AdoSandbox.Diagnostics;
using Runner.Tools.AdoSandbox.Faults;

namespace Runner.Tools.AdoSandbox;

/// <summary>
/// Standalone: <c>dotnet run --project tools/AdoSandbox -- --urls http://127.0.0.1:5081 --Sandbox:Size medium --Sandbox:Pat &lt;pat&gt;</c>.
/// A namespaced class rather than top-level statements, so Runner.Tests (which references this and Runner.Api)
/// keeps one unambiguous global <c>Program</c> for WebApplicationFactory.
/// </summary>
internal static class Program
{
    public static void Main(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        var options = SandboxSizes.FromConfiguration(builder.Configuration);
        builder.ListenOnLoopback((builder.Configuration["urls"] ?? "http://127.0.0.1:5081").Split(';', StringSplitOptions.RemoveEmptyEntries));
        builder.Services.AddAdoSandbox(options, new SandboxFaults(), new RequestLog(options.RequestLogCapacity));

        var app = builder.Build();
        app.UseAdoSandbox();
        app.Run();
    }
}
