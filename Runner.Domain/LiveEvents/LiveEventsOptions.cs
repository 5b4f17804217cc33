using System.ComponentModel.DataAnnotations;

namespace Runner.Domain.LiveEvents;

/// <summary>Azure DevOps service hooks: where they reach Runner.Api, and how much one installation may send.</summary>
public sealed class LiveEventsOptions : IValidatableObject
{
    public const string SectionName = "Runner:LiveEvents";

    /// <summary>The base URL at which Azure DevOps reaches Runner.Api; unset turns live events off.</summary>
    public string? PublicUrl { get; set; }

    /// <summary>Deliveries one installation may make per second before it gets 429.</summary>
    [Range(1, 10_000)]
    public int DeliveriesPerSecond { get; set; } = 50;

    /// <summary>How often the Worker checks that each installation's subscriptions still exist and are enabled.</summary>
    public TimeSpan CheckInterval { get; set; } = TimeSpan.FromMinutes(10);

    public bool Enabled => PublicUrl is not null;

    /// <summary>Null when unset (or, before validation has stopped the process, malformed).</summary>
    public Uri? PublicBaseUrl => Uri.TryCreate(PublicUrl?.TrimEnd('/') + "/", UriKind.Absolute, out var url) ? url : null;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (PublicUrl is not null
            && (!Uri.TryCreate(PublicUrl, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https") || !string.IsNullOrEmpty(url.Query) || !string.IsNullOrEmpty(url.Fragment)))
        {
            yield return new ValidationResult($"{SectionName}:PublicUrl must be an absolute http or https URL without query or fragment.", [nameof(PublicUrl)]);
        }
        if (CheckInterval < TimeSpan.FromSeconds(1))
        {
            yield return new ValidationResult($"{SectionName}:CheckInterval must be at least one second.", [nameof(CheckInterval)]);
        }
    }
}
