namespace Runner.Domain.Resync.Runs;

public enum ResyncRunStatus
{
    Queued,
    Running,
    Succeeded,
    Failed,
    Cancelled,

    /// <summary>A scheduled run that did not start because another run of the installation was active.</summary>
    Skipped,

    /// <summary>Its Worker stopped heartbeating (killed); a new run re-does the resync from the start, unless the re-do dies too (then it fails, quarantined).</summary>
    Abandoned,
}
