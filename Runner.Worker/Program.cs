var builder = WebApplication.CreateBuilder(args);
builder.AddRunnerTelemetry("runner-worker");
builder.Services.AddRunnerPersistence().AddRunnerSecrets().AddRunnerEgress().AddRunnerCatalog().AddRunnerInstallations();
builder.Services.AddRunnerAzureDevOps().AddRunnerSharedRateBudget().AddRunnerResyncExecution().AddRunnerLiveEventsProcessing().AddRunnerWorker();

var app = builder.Build();
app.MapRunnerHealthChecks();
app.Run();
