using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Runner.Domain.Tenants;

namespace Runner.Domain.Persistence;

/// <summary>For <c>dotnet ef migrations add</c> only: builds the model without a host or a server.</summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<RunnerDbContext>
{
    public RunnerDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<RunnerDbContext>()
                .UseNpgsql("Host=localhost", npgsql => npgsql.MigrationsHistoryTable("__ef_migrations_history", RunnerDbContext.Schema))
                .UseSnakeCaseNamingConvention()
                .Options,
            new TenantContext());
}
