using System.Diagnostics.Metrics;
using Runner.Domain.Hosting;

namespace Runner.Domain.Integrations.AzureDevOps.Fetching;

/// <summary>The integration's own metrics, counted as requests are sent (a resync's metrics know no integration).</summary>
internal static class AzureDevOpsMetrics
{
    public static readonly Counter<long> Requests = RunnerTelemetry.Meter.CreateCounter<long>("runner.azure_devops.requests", description: "HTTP attempts sent to Azure DevOps, retries included");
    public static readonly Counter<long> Throttled = RunnerTelemetry.Meter.CreateCounter<long>("runner.azure_devops.throttled", description: "429 answers from Azure DevOps");
}
