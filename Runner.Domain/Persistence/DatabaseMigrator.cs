using Hangfire.PostgreSql;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Runner.Domain.Persistence;

/// <summary>
/// The one deliberate place schema changes happen: Runner's EF Core migrations and Hangfire's
/// schema. Run by the <c>migrate</c> command before Api and Worker start, never implicitly.
/// </summary>
public sealed class DatabaseMigrator(RunnerDbContext db, NpgsqlDataSource dataSource, ILogger<DatabaseMigrator> logger)
{
    public async Task MigrateAsync(CancellationToken ct)
    {
        var pending = (await db.Database.GetPendingMigrationsAsync(ct)).ToList();
        await db.Database.MigrateAsync(ct);
        logger.LogInformation("Applied {Count} Runner migration(s)", pending.Count);

        await using var connection = await dataSource.OpenConnectionAsync(ct);
        PostgreSqlObjectsInstaller.Install(connection, RunnerJobsExtensions.HangfireSchema);
        logger.LogInformation("Hangfire schema {Schema} is up to date", RunnerJobsExtensions.HangfireSchema);
    }
}
