using System.ComponentModel.DataAnnotations;

namespace Runner.Api.Auth;

/// <summary>How many wrong API keys one client may present before it is refused with 429 for a while.</summary>
public sealed class FailedAuthenticationOptions
{
    public const string SectionName = "Runner:Auth:FailedAttempts";

    /// <summary>Wrong keys a client may present in a burst.</summary>
    [Range(1, 10_000)]
    public int Burst { get; set; } = 20;

    /// <summary>One more attempt is allowed after each period (default 10 a minute).</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "01:00:00")]
    public TimeSpan ReplenishPeriod { get; set; } = TimeSpan.FromSeconds(6);
}
