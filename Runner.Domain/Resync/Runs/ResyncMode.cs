namespace Runner.Domain.Resync.Runs;

/// <summary>
/// Full: every resource is fetched and stale entities are reconciled. Incremental: only the incremental kinds,
/// only what changed since each kind's cursor, upserted; nothing is deleted.
/// </summary>
public enum ResyncMode
{
    Full,
    Incremental,
}
