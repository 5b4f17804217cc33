using System.ComponentModel.DataAnnotations;

namespace Runner.Domain.Resync;

/// <summary>How resyncs are scheduled, shared fairly and kept alive.</summary>
public sealed class ResyncOptions
{
    public const string SectionName = "Runner:Resync";

    /// <summary>A first try plus at most two automatic retries of a transient failure.</summary>
    public const int MaxAttempts = 3;

    /// <summary>Resyncs one tenant may run at once; further runs wait without holding a worker thread.</summary>
    [Range(1, 100)]
    public int MaxConcurrentPerTenant { get; set; } = 2;

    /// <summary>How long a run waits before asking again for its tenant's share.</summary>
    public TimeSpan DeferDelay { get; set; } = TimeSpan.FromSeconds(10);

    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>A running run whose heartbeat is older than this is abandoned and re-done.</summary>
    public TimeSpan HeartbeatTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How often each Worker looks for abandoned runs and for queued runs without a job.</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>A run queued this long with no live Hangfire job (its enqueue failed, or the job was lost) gets its job again.</summary>
    public TimeSpan QueuedJobGrace { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>A scheduled run that fires later than this after its due time is a catch-up after an outage, and is spread out.</summary>
    public TimeSpan CatchUpThreshold { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Back-off before the first automatic retry; the second waits four times as long.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Finished runs queued longer ago than this are deleted by the sweeps, except each installation's latest finished
    /// run. At 100,000 hourly installations the table otherwise grows by 2.4 million rows a day.
    /// </summary>
    public TimeSpan RunRetention { get; set; } = TimeSpan.FromDays(30);

    /// <summary>The incremental plan looks back one full-resync interval (at most 7 days) for a full run.</summary>
    public static readonly TimeSpan ShortestRunRetention = TimeSpan.FromDays(8);
}
