namespace Runner.Domain.Persistence;

public static class TimeProviderExtensions
{
    /// <summary>Now, at PostgreSQL's microsecond precision, so a value reads back exactly as it was returned.</summary>
    public static DateTimeOffset GetUtcNowForDatabase(this TimeProvider clock)
    {
        var now = clock.GetUtcNow();
        return now.AddTicks(-(now.Ticks % (TimeSpan.TicksPerMillisecond / 1000)));
    }
}
