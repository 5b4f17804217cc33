using Microsoft.EntityFrameworkCore;
using Runner.Domain.Installations;
using Runner.Domain.Secrets;
using Runner.Domain.Tenants;

namespace Runner.Domain.Persistence;

/// <summary>
/// Runner's tables in schema <c>runner</c>. Tenant isolation lives here: every tenant-owned
/// entity is filtered by the scope's <see cref="TenantContext"/> and stamped with it on insert.
/// </summary>
public sealed class RunnerDbContext(DbContextOptions<RunnerDbContext> options, TenantContext tenant) : DbContext(options)
{
    public const string Schema = "runner";

    public DbSet<Tenant> Tenants => Set<Tenant>();
    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();
    public DbSet<TenantDataKey> TenantDataKeys => Set<TenantDataKey>();
    public DbSet<Secret> Secrets => Set<Secret>();
    public DbSet<Installation> Installations => Set<Installation>();
    public DbSet<InstallationSecret> InstallationSecrets => Set<InstallationSecret>();

    // Read by the query filters per context instance; throws when no tenant is in scope.
    private Guid CurrentTenantId => tenant.TenantId;

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasDefaultSchema(Schema);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(RunnerDbContext).Assembly);
        modelBuilder.Entity<ApiKey>().HasQueryFilter(e => e.TenantId == CurrentTenantId);
        modelBuilder.Entity<Secret>().HasQueryFilter(e => e.TenantId == CurrentTenantId);
        modelBuilder.Entity<Installation>().HasQueryFilter(e => e.TenantId == CurrentTenantId);
        modelBuilder.Entity<InstallationSecret>().HasQueryFilter(e => e.TenantId == CurrentTenantId);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        StampTenant();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        StampTenant();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    private void StampTenant()
    {
        foreach (var entry in ChangeTracker.Entries<ITenantOwned>())
        {
            if (entry.State == EntityState.Added && entry.Entity.TenantId == Guid.Empty)
            {
                entry.Entity.TenantId = tenant.TenantId;
            }
            else if (entry.State is EntityState.Added or EntityState.Modified or EntityState.Deleted
                     && entry.Entity.TenantId != tenant.TenantId)
            {
                throw new InvalidOperationException("A change touches another tenant's data.");
            }
        }
    }
}
