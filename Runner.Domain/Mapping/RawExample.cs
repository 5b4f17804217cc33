using Runner.Domain.Tenants;

namespace Runner.Domain.Mapping;

/// <summary>A raw object kept from the last resync so the tenant can test jq mappings on real data.</summary>
public sealed class RawExample : ITenantOwned
{
    public const int MaxPerKind = 10;

    public Guid TenantId { get; set; }
    public Guid InstallationId { get; init; }
    public required string Kind { get; init; }
    public int Position { get; init; }
    public required string DataJson { get; init; }
    public DateTimeOffset CapturedAt { get; init; }
}
