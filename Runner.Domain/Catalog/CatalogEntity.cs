using Runner.Domain.Tenants;

namespace Runner.Domain.Catalog;

/// <summary>
/// An entity of the catalog, owned by the installation whose resync last wrote it. Written by
/// <see cref="CatalogWriter"/> in set-based batches; read through EF Core.
/// </summary>
public sealed class CatalogEntity : ITenantOwned
{
    public Guid TenantId { get; set; }
    public required string Blueprint { get; init; }
    public required string Identifier { get; init; }
    public string? Title { get; set; }
    public string? Icon { get; set; }
    public string? TeamJson { get; set; }
    public required string PropertiesJson { get; set; }
    public required string RelationsJson { get; set; }
    public Guid? InstallationId { get; set; }

    /// <summary>Created only because another entity relates to it (createMissingRelatedEntities); never reconciled away.</summary>
    public bool IsPlaceholder { get; set; }

    /// <summary>When a live event last wrote it: a resync that started fetching earlier neither overwrites nor deletes it.</summary>
    public DateTimeOffset? LiveAt { get; set; }

    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; set; }
}
