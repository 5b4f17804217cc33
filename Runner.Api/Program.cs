var builder = WebApplication.CreateBuilder(args);
builder.AddRunnerTelemetry("runner-api");
builder.AddRunnerProblems();
builder.Services.AddRunnerPersistence().AddRunnerSecrets().AddRunnerEgress().AddRunnerCatalog().AddRunnerInstallations().AddRunnerAuth();
builder.Services.AddRunnerJobStorage().AddRunnerResync().AddRunnerLiveEventsIntake();
builder.Services.AddRunnerOpenApi();

var app = builder.Build();
if (args is ["migrate", ..])
{
    await app.Services.MigrateRunnerDatabaseAsync();
    return;
}

app.UseRunnerSecurityHeaders();
app.UseRunnerProblems();
app.UseRunnerConsole();
app.UseRunnerAuth();
app.MapOpenApi();
app.MapRunnerHealthChecks();
app.MapRunnerJobsDashboard();
app.MapHooks();

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
