using System.Diagnostics;
using System.Diagnostics.Metrics;
using Runner.Domain.Hosting;
using Runner.Domain.Resync.Runs;

namespace Runner.Domain.Resync.Execution;

/// <summary>Resync metrics: runs by status, duration, entities written and deleted, queue wait, schedule lag.</summary>
public sealed class ResyncMetrics
{
    private readonly Counter<long> _runs = RunnerTelemetry.Meter.CreateCounter<long>("runner.resync.runs", description: "Finished resync runs, by status and trigger");
    private readonly Histogram<double> _duration = RunnerTelemetry.Meter.CreateHistogram<double>("runner.resync.duration", "s", "Run duration from start to finish");
    private readonly Histogram<double> _queueWait = RunnerTelemetry.Meter.CreateHistogram<double>("runner.resync.queue_wait", "s", "Time from queued to started");
    private readonly Histogram<double> _scheduleLag = RunnerTelemetry.Meter.CreateHistogram<double>("runner.resync.schedule_lag", "s", "Start of a scheduled run minus its due time");
    private readonly Counter<long> _upserted = RunnerTelemetry.Meter.CreateCounter<long>("runner.resync.entities_upserted");
    private readonly Counter<long> _deleted = RunnerTelemetry.Meter.CreateCounter<long>("runner.resync.entities_deleted");

    public void Started(ResyncRun run)
    {
        if (run.StartedAt is not { } started)
        {
            return;
        }
        _queueWait.Record((started - run.QueuedAt).TotalSeconds, Trigger(run));
        if (run.DueAt is { } due)
        {
            _scheduleLag.Record((started - due).TotalSeconds, Trigger(run));
        }
    }

    public void Finished(ResyncRun run, ResyncReport report)
    {
        var tags = new TagList { { "status", run.Status.ToString().ToLowerInvariant() }, { "trigger", run.Trigger.ToString().ToLowerInvariant() } };
        _runs.Add(1, tags);
        if (run.StartedAt is { } started && run.FinishedAt is { } finished)
        {
            _duration.Record((finished - started).TotalSeconds, tags);
        }
        _upserted.Add(report.Kinds.Sum(k => k.Upserted));
        _deleted.Add(report.Blueprints.Sum(b => b.Deleted));
    }

    private static KeyValuePair<string, object?> Trigger(ResyncRun run) => new("trigger", run.Trigger.ToString().ToLowerInvariant());
}
