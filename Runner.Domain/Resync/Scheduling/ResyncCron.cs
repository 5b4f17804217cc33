using System.Security.Cryptography;
using Cronos;

namespace Runner.Domain.Resync.Scheduling;

/// <summary>
/// An installation's cron: every N hours at a minute and hour offset taken from a stable hash of its
/// id, so thousands of hourly installations spread evenly over the hour instead of all firing at :00.
/// </summary>
public static class ResyncCron
{
    public static string RecurringJobId(Guid installationId) => $"resync:{installationId:N}";

    public static bool IsRecurringJobId(string id) => id.StartsWith("resync:", StringComparison.Ordinal);

    public static string Cron(Guid installationId, int intervalHours)
    {
        var hash = StableHash(installationId);
        var minute = (int)(hash % 60);
        var hour = (int)(hash / 60 % (ulong)intervalHours);
        return intervalHours switch
        {
            1 => $"{minute} * * * *",
            24 => $"{minute} {hour} * * *",
            _ => $"{minute} {hour}/{intervalHours} * * *",
        };
    }

    public static DateTimeOffset? NextAfter(string cron, DateTimeOffset instant) =>
        CronExpression.Parse(cron).GetNextOccurrence(instant, TimeZoneInfo.Utc);

    /// <summary>The latest due time at or before <paramref name="instant"/> within the last interval.</summary>
    public static DateTimeOffset? LastDue(string cron, int intervalHours, DateTimeOffset instant) =>
        CronExpression.Parse(cron).GetOccurrences(instant.AddHours(-intervalHours), instant, TimeZoneInfo.Utc, fromInclusive: true, toInclusive: true)
            .Cast<DateTimeOffset?>().LastOrDefault();

    /// <summary>A delay in [0, window) fixed per installation, to spread catch-ups after an outage.</summary>
    public static TimeSpan Spread(Guid installationId, TimeSpan window) =>
        TimeSpan.FromTicks((long)(StableHash(installationId) % (ulong)Math.Max(1, window.Ticks)));

    private static ulong StableHash(Guid id)
    {
        Span<byte> digest = stackalloc byte[32];
        SHA256.HashData(id.ToByteArray(), digest);
        return BitConverter.ToUInt64(digest);
    }
}
