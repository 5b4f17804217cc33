using Microsoft.EntityFrameworkCore;
using Runner.Domain.Catalog;
using Runner.Domain.Installations;
using Runner.Domain.Integrations.AzureDevOps.Budget;
using Runner.Domain.LiveEvents;
using Runner.Domain.Mapping;
using Runner.Domain.Resync.Incremental;
using Runner.Domain.Resync.Runs;
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
    public DbSet<Blueprint> Blueprints => Set<Blueprint>();
    public DbSet<CatalogEntity> Entities => Set<CatalogEntity>();
    public DbSet<ResyncRun> ResyncRuns => Set<ResyncRun>();
    public DbSet<RawExample> RawExamples => Set<RawExample>();
    public DbSet<KindCursor> KindCursors => Set<KindCursor>();
    public DbSet<InboxEvent> InboxEvents => Set<InboxEvent>();
    public DbSet<LiveTombstone> LiveTombstones => Set<LiveTombstone>();
    public DbSet<OrganizationRateBudget> OrganizationRateBudgets => Set<OrganizationRateBudget>();

    // Read by the query filters per context instance; throws when no tenant is in scope.
    private Guid CurrentTenantId => tenant.TenantId;

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasDefaultSchema(Schema);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(RunnerDbContext).Assembly);
        foreach (var owned in modelBuilder.Model.GetEntityTypes().Where(t => typeof(ITenantOwned).IsAssignableFrom(t.ClrType)).ToList())
        {
            FilterByTenantMethod.MakeGenericMethod(owned.ClrType).Invoke(this, [modelBuilder]);
        }
    }

    private static readonly System.Reflection.MethodInfo FilterByTenantMethod =
        typeof(RunnerDbContext).GetMethod(nameof(FilterByTenant), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!;

    // Every ITenantOwned entity gets the filter, so a new table cannot forget it.
    private void FilterByTenant<T>(ModelBuilder modelBuilder) where T : class, ITenantOwned =>
        modelBuilder.Entity<T>().HasQueryFilter(e => e.TenantId == CurrentTenantId);

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken ct = default)
    {
        StampTenant();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, ct);
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
