var builder = WebApplication.CreateBuilder(args);
builder.AddRunnerTelemetry("runner-worker");
builder.Services.AddRunnerPersistence().AddRunnerSecrets().AddRunnerEgress().AddRunnerCatalog().AddRunnerInstallations();
builder.Services.AddRunnerAzureDevOps().AddRunnerResyncExecution().AddRunnerWorker();

var app = builder.Build();
app.MapRunnerHealthChecks();
app.Run();
