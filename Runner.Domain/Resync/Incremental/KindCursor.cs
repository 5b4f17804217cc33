using Runner.Domain.Tenants;

namespace Runner.Domain.Resync.Incremental;

/// <summary>
/// Where an installation's incremental fetch of one kind starts: the time the last complete fetch of that kind
/// began. Advanced only when the kind completes, so a failed or partial fetch is asked again next time.
/// </summary>
public sealed class KindCursor : ITenantOwned
{
    public Guid TenantId { get; set; }
    public Guid InstallationId { get; init; }
    public required string Kind { get; init; }
    public DateTimeOffset ChangedSince { get; set; }
    public Guid RunId { get; set; }
}
