namespace Runner.Domain.Tenants;

/// <summary>
/// The tenant the current scope (an API request or a job) acts for. Every tenant-owned query is
/// filtered by it; reading it before it is set throws, so a forgotten scope fails closed.
/// </summary>
public sealed class TenantContext
{
    private Guid? _tenantId;

    public Guid TenantId => _tenantId ?? throw new InvalidOperationException("No tenant is set for this scope.");

    public bool HasTenant => _tenantId is not null;

    public void Set(Guid tenantId)
    {
        if (_tenantId is { } current && current != tenantId)
        {
            throw new InvalidOperationException("The scope already acts for another tenant.");
        }
        _tenantId = tenantId;
    }
}
