using Runner.Domain.Tenants;

namespace Runner.Domain.Resync;

public enum ResyncTrigger
{
    Manual,
    Scheduled,
}

public enum ResyncRunStatus
{
    Queued,
    Running,
    Succeeded,
    Failed,
    Cancelled,
}

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
    public ResyncRunStatus Status { get; set; }
    public DateTimeOffset QueuedAt { get; init; }
    public DateTimeOffset? StartedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }

    /// <summary>Why the run failed, in words a tenant can act on; never a secret.</summary>
    public string? Error { get; set; }

    /// <summary>Per-kind progress and per-blueprint reconciliation (<see cref="ResyncReport"/>), updated while running.</summary>
    public required string ReportJson { get; set; }

    public static readonly ResyncRunStatus[] ActiveStatuses = [ResyncRunStatus.Queued, ResyncRunStatus.Running];
}
