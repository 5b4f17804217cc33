using System.Diagnostics.Metrics;
using Runner.Domain.Hosting;

namespace Runner.Domain.LiveEvents;

/// <summary>Live event metrics: deliveries by verdict (Api), events applied or failed and their latency (Worker).</summary>
public sealed class LiveEventMetrics
{
    private readonly Counter<long> _deliveries = RunnerTelemetry.Meter.CreateCounter<long>("runner.live_events.deliveries", description: "Service hook deliveries, by verdict");
    private readonly Counter<long> _applied = RunnerTelemetry.Meter.CreateCounter<long>("runner.live_events.applied", description: "Inbox events applied, by outcome");
    private readonly Histogram<double> _latency = RunnerTelemetry.Meter.CreateHistogram<double>("runner.live_events.latency", "s", "From delivery accepted to applied in the catalog");

    public void Delivery(EventIntake.Verdict verdict) => _deliveries.Add(1, new KeyValuePair<string, object?>("verdict", verdict.ToString().ToLowerInvariant()));

    public void Applied(bool succeeded, TimeSpan latency)
    {
        _applied.Add(1, new KeyValuePair<string, object?>("outcome", succeeded ? "applied" : "failed"));
        _latency.Record(latency.TotalSeconds);
    }
}
