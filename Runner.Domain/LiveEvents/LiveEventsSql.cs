namespace Runner.Domain.LiveEvents;

/// <summary>The inbox's statements; the intake and the Worker use them on their own connections.</summary>
internal static class LiveEventsSql
{
    /// <summary>$1 tenant, $2 installation, $3 delivery key, $4 event type, $5 body: the new id, or no row for a duplicate.</summary>
    public const string Insert = """
        INSERT INTO runner.live_events (tenant_id, installation_id, delivery_key, event_type, body, received_at, attempts)
        VALUES ($1, $2, $3, $4, $5, now(), 0)
        ON CONFLICT (installation_id, delivery_key) DO NOTHING
        RETURNING id
        """;

    /// <summary>$1 channel, $2 installation: wakes the Worker. Its own statement after the insert has committed: a NOTIFY
    /// in the insert's transaction holds PostgreSQL's one notify-queue lock through the commit's WAL flush.</summary>
    public const string Notify = "SELECT pg_notify($1, $2::text)";
}
