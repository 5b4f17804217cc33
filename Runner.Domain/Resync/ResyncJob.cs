using Hangfire;

namespace Runner.Domain.Resync;

/// <summary>
/// The Hangfire job: ids only in its arguments, so nothing about the tenant (let alone a secret)
/// lands in Hangfire's tables. Retries and schedules are decided elsewhere, not by Hangfire's default 10 attempts.
/// </summary>
public sealed class ResyncJob(ResyncEngine engine)
{
    [AutomaticRetry(Attempts = 0)]
    public Task RunAsync(Guid runId, CancellationToken ct) => engine.RunAsync(runId, ct);
}
