using Runner.Domain.Catalog;
using Runner.Domain.Egress;
using Runner.Domain.Hosting;
using Runner.Domain.Installations;
using Runner.Domain.Integrations.AzureDevOps;
using Runner.Domain.Persistence;
using Runner.Domain.Resync;
using Runner.Domain.Secrets;
using Runner.Worker.Jobs;

var builder = WebApplication.CreateBuilder(args);
builder.AddRunnerTelemetry("runner-worker");
builder.Services.AddRunnerPersistence().AddRunnerSecrets().AddRunnerEgress().AddRunnerCatalog().AddRunnerInstallations();
builder.Services.AddRunnerAzureDevOps().AddRunnerResyncEngine().AddRunnerWorker();

var app = builder.Build();
app.MapRunnerHealthChecks();
app.Run();
