namespace Runner.Tools.AdoSandbox.Faults;

/// <summary>
/// Misbehaviour to inject. Replaced as a whole (at start, by the host, or by <c>POST /_sandbox/faults</c>), which
/// also restarts the "every Nth" counters so a test knows exactly which request fails.
/// </summary>
public sealed record FaultSettings
{
    /// <summary>Case-insensitive substring of path+query the throttle, 5xx, latency and rate-limit faults apply to;
    /// null means every API request. Counters count matching requests only.</summary>
    public string? PathContains { get; init; }

    /// <summary>Every Nth matching request gets 429 with <c>Retry-After</c> (0 = off).</summary>
    public int ThrottleEveryNth { get; init; }
    public int RetryAfterSeconds { get; init; } = 1;

    /// <summary>Every Nth matching request gets <see cref="ServerErrorStatus"/> (0 = off).</summary>
    public int ServerErrorEveryNth { get; init; }
    public int ServerErrorStatus { get; init; } = 503;

    public int LatencyMs { get; init; }

    /// <summary>Every Nth matching request has its connection dropped before any response (0 = off).</summary>
    public int DropConnectionEveryNth { get; init; }

    /// <summary>Every Nth matching request gets the 203 HTML sign-in page, as a session the service stopped trusting
    /// does, whatever the PAT (0 = off).</summary>
    public int SignInPageEveryNth { get; init; }

    /// <summary>The organization's request budget: API requests past this many in one wall-clock second get 429 with
    /// <c>Retry-After</c> and <c>X-RateLimit-Reset</c> at the next second, and are recorded as throttles (0 = off).
    /// Counts every API request, whatever <see cref="PathContains"/> says.</summary>
    public int RequestsPerSecondLimit { get; init; }

    /// <summary>When set, matching responses carry the X-RateLimit-* headers; with a delay, the request is also held
    /// that long first (ADO's tarpit answers 200, late).</summary>
    public int? RateLimitRemaining { get; init; }
    public double? RateLimitDelaySeconds { get; init; }

    /// <summary>Requests whose path+query contains this get only the first half of their body (valid HTTP, broken JSON).</summary>
    public string? TruncateBodyPathContains { get; init; }

    /// <summary>Requests whose path+query contains this get 404, e.g. "/repositories/{id}/refs" for one repo's branches.</summary>
    public string? NotFoundPathContains { get; init; }
}
