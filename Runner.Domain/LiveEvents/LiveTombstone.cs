using Runner.Domain.Tenants;

namespace Runner.Domain.LiveEvents;

/// <summary>
/// An entity a live event deleted: a resync that started fetching before <see cref="DeletedAt"/> may still hold
/// its older copy and must not write it back. Dropped once a later resync of the installation has finished.
/// </summary>
public sealed class LiveTombstone : ITenantOwned
{
    public Guid TenantId { get; set; }
    public required string Blueprint { get; init; }
    public required string Identifier { get; init; }
    public Guid InstallationId { get; init; }
    public DateTimeOffset DeletedAt { get; init; }
}
