using Runner.Domain.Tenants;

namespace Runner.Domain.Catalog;

/// <summary>
/// A tenant's blueprint in Port's format. <see cref="DefinitionJson"/> holds the whole definition
/// (<c>identifier, title, icon, schema{properties, required}, relations{name: {target, required, many}}</c>).
/// </summary>
public sealed class Blueprint : ITenantOwned
{
    public Guid TenantId { get; set; }
    public required string Identifier { get; init; }
    public required string Title { get; set; }
    public required string DefinitionJson { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; set; }
}
