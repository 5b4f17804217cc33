using Runner.Domain.Egress;
using Runner.Domain.Hosting;
using Runner.Domain.Persistence;
using Runner.Domain.Secrets;
using Runner.Worker.Jobs;

var builder = WebApplication.CreateBuilder(args);
builder.AddRunnerTelemetry("runner-worker");
builder.Services.AddRunnerPersistence().AddRunnerSecrets().AddRunnerEgress().AddRunnerWorker();

var app = builder.Build();
app.MapRunnerHealthChecks();
app.Run();
