using Hangfire.Server;

namespace Runner.Domain.Resync.Scheduling;

/// <summary>
/// The creation time of the Hangfire job being performed on this call path, for <see cref="ScheduledResyncJob"/>:
/// when the recurring job scheduler created it says whether Hangfire itself was late (an outage), and how long it then
/// waited in the queue (a backlog) does not. A server filter, so the jobs' method signatures stay as stored.
/// </summary>
public sealed class JobCreationTime : IServerFilter
{
    private static readonly AsyncLocal<DateTimeOffset?> Current = new();

    /// <summary>The filter Hangfire runs around every job the Worker performs.</summary>
    public static JobCreationTime Filter { get; } = new();

    /// <summary>Null outside a job Hangfire performs (a test calling the job itself).</summary>
    public static DateTimeOffset? OfCurrentJob => Current.Value;

    public void OnPerforming(PerformingContext context) =>
        Current.Value = new DateTimeOffset(DateTime.SpecifyKind(context.BackgroundJob.CreatedAt, DateTimeKind.Utc));

    public void OnPerformed(PerformedContext context) => Current.Value = null;
}
