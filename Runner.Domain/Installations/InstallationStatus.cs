namespace Runner.Domain.Installations;

public enum InstallationStatus
{
    Active,

    /// <summary>The source rejected our credentials: scheduled runs fail fast until the settings change.</summary>
    NeedsAttention,
}
