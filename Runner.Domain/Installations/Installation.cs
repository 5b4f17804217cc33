using Runner.Domain.Integrations;
using Runner.Domain.LiveEvents;
using Runner.Domain.Tenants;

namespace Runner.Domain.Installations;

/// <summary>
/// One tenant's hosted integration. Plain settings live in <see cref="SettingsJson"/>; sensitive
/// ones only as references to Port secrets (<see cref="Secrets"/>).
/// </summary>
public sealed class Installation : ITenantOwned
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid TenantId { get; set; }
    public required string IntegrationType { get; init; }
    public required string Name { get; set; }

    /// <summary>A JSON object of the non-sensitive integration settings.</summary>
    public required string SettingsJson { get; set; }

    /// <summary>The Port app config (YAML or JSON) as the tenant last saved it.</summary>
    public required string MappingText { get; set; }

    public int ResyncIntervalHours { get; set; }
    public bool SendRawDataExamples { get; set; }
    public bool IncrementalSync { get; set; } = ApplicationSettingsSchema.DefaultIncrementalSync;
    public int FullResyncIntervalHours { get; set; } = ApplicationSettingsSchema.DefaultFullResyncIntervalHours;

    /// <summary>The <c>liveEvents</c> application setting: keep Azure DevOps service hooks subscribed.</summary>
    public bool LiveEvents { get; set; } = true;

    /// <summary>The service hooks' basic-auth password, sealed (<see cref="WebhookCredentials"/>); null until first needed.</summary>
    public byte[]? WebhookCredential { get; set; }

    public LiveEventsState Live { get; init; } = new();
    public InstallationStatus Status { get; set; }
    public string? StatusReason { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; set; }

    public List<InstallationSecret> Secrets { get; init; } = [];
}
