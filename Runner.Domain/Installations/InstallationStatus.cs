namespace Runner.Domain.Installations;

public enum InstallationStatus
{
    Active,

    /// <summary>
    /// The source rejected our credentials, the mapping failed on every object of a kind, or a run was quarantined:
    /// scheduled runs fail fast until the settings change or a run completes with a working mapping.
    /// </summary>
    NeedsAttention,
}
