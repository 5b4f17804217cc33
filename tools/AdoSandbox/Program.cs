using Runner.Tools.AdoSandbox;
using Runner.Tools.AdoSandbox.Diagnostics;
using Runner.Tools.AdoSandbox.Faults;

// Standalone: dotnet run --project tools/AdoSandbox -- --urls http://127.0.0.1:5081 --Sandbox:Size medium --Sandbox:Pat <pat>
var builder = WebApplication.CreateBuilder(args);
var options = SandboxSizes.Create(builder.Configuration.GetValue($"{SandboxOptions.SectionName}:Size", SandboxSize.Small));
builder.Configuration.GetSection(SandboxOptions.SectionName).Bind(options);
builder.ListenOnLoopback((builder.Configuration["urls"] ?? "http://127.0.0.1:5081").Split(';', StringSplitOptions.RemoveEmptyEntries));
builder.Services.AddAdoSandbox(options, new SandboxFaults(), new RequestLog(options.RequestLogCapacity));

var app = builder.Build();
app.UseAdoSandbox();
app.Run();
