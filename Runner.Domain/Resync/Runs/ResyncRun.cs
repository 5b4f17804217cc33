using Runner.Domain.Tenants;

namespace Runner.Domain.Resync.Runs;

/// <summary>
/// One resync of one installation. The database allows a single queued-or-running run per
/// installation (a unique partial index), so a second trigger is refused, not queued twice.
/// </summary>
public sealed class ResyncRun : ITenantOwned
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid TenantId { get; set; }
    public Guid InstallationId { get; init; }
    public ResyncTrigger Trigger { get; init; }

    /// <summary>Decided when the run starts (<see cref="Incremental.IncrementalPlan"/>); full until then.</summary>
    public ResyncMode Mode { get; set; }
    public ResyncRunStatus Status { get; set; }
    public DateTimeOffset QueuedAt { get; init; }
    public DateTimeOffset? StartedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }

    /// <summary>Why the run failed, in words a tenant can act on; never a secret.</summary>
    public string? Error { get; set; }

    /// <summary>Why a run was skipped, abandoned or cancelled, or what it waited for.</summary>
    public string? Reason { get; set; }

    /// <summary>1 for a first try; automatic retries count up (at most <see cref="ResyncOptions.MaxAttempts"/>).</summary>
    public int Attempt { get; init; } = 1;

    /// <summary>The run this one retries or re-does.</summary>
    public Guid? RetryOf { get; init; }

    /// <summary>When a scheduled run was due (its schedule lag is <see cref="StartedAt"/> minus this).</summary>
    public DateTimeOffset? DueAt { get; init; }

    /// <summary>Times the run waited because its tenant already had its share of runs going.</summary>
    public int Deferrals { get; set; }

    /// <summary>Set by the running Worker; a run whose heartbeat goes stale is abandoned.</summary>
    public DateTimeOffset? HeartbeatAt { get; set; }

    /// <summary>Asked to stop; the run's heartbeat notices and the pipeline stops between objects or pages.</summary>
    public bool CancelRequested { get; set; }

    /// <summary>Per-kind progress and per-blueprint reconciliation (<see cref="ResyncReport"/>), updated while running.</summary>
    public required ResyncReport Report { get; set; }

    /// <summary>The Hangfire job last enqueued for the run; a queued run whose job is gone is dispatched again.</summary>
    public string? JobId { get; set; }

    public static readonly ResyncRunStatus[] ActiveStatuses = [ResyncRunStatus.Queued, ResyncRunStatus.Running];
}
