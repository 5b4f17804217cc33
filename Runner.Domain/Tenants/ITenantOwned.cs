namespace Runner.Domain.Tenants;

/// <summary>A row that belongs to one tenant: filtered and stamped by <see cref="Persistence.RunnerDbContext"/>.</summary>
public interface ITenantOwned
{
    Guid TenantId { get; set; }
}
