namespace Runner.Domain.Resync.Runs;

public enum ResyncTrigger
{
    Manual,
    Scheduled,

    /// <summary>The first resync of a new installation, so the wizard's user sees data right away.</summary>
    Initial,

    /// <summary>An automatic retry after a transient failure, or the re-do of an abandoned run.</summary>
    Retry,
}
