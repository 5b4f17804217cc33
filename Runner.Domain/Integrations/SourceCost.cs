namespace Runner.Domain.Integrations;

/// <summary>What reading a source cost: requests sent (retries included), rate limiting met, retries and time waited.</summary>
public sealed record SourceCost(long Requests, long Throttled, long Retries, TimeSpan DelayHonoured);
