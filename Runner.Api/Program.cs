using Runner.Api.ApiKeys;
using Runner.Api.Auth;
using Runner.Api.Catalog;
using Runner.Api.Egress;
using Runner.Api.Errors;
using Runner.Api.Hosting;
using Runner.Api.Installations;
using Runner.Api.Integrations;
using Runner.Api.Jobs;
using Runner.Api.Resync;
using Runner.Api.Secrets;
using Runner.Api.Tenants;
using Runner.Api.WebConsole;
using Runner.Domain.Catalog;
using Runner.Domain.Egress;
using Runner.Domain.Hosting;
using Runner.Domain.Installations;
using Runner.Domain.Jobs;
using Runner.Domain.Persistence;
using Runner.Domain.Resync;
using Runner.Domain.Secrets;

var builder = WebApplication.CreateBuilder(args);
builder.AddRunnerTelemetry("runner-api");
builder.AddRunnerProblems();
builder.Services.AddRunnerPersistence().AddRunnerSecrets().AddRunnerEgress().AddRunnerCatalog().AddRunnerInstallations().AddRunnerAuth();
builder.Services.AddRunnerJobStorage().AddRunnerResync();
builder.Services.AddOpenApi();

var app = builder.Build();
if (args is ["migrate", ..])
{
    await MigrateCommand.RunAsync(app.Services);
    return;
}

app.UseMiddleware<SecurityHeadersMiddleware>();
app.UseRunnerProblems();
app.UseRunnerConsole();
app.UseRunnerAuth();
app.MapOpenApi();
app.MapRunnerHealthChecks();
app.MapRunnerJobsDashboard();

var api = app.MapGroup("/api/v1");
api.MapAdminTenants();
api.MapMe();
api.MapApiKeys();
api.MapSecrets();
api.MapIntegrations();
api.MapEgress();
api.MapInstallations();
api.MapInstallationMapping();
api.MapResyncs();
api.MapCatalog();

app.Run();

/// <summary>Entry point type, visible to the tests' WebApplicationFactory.</summary>
public partial class Program;
