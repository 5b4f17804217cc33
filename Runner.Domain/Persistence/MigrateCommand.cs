using Runner.Domain.Persistence;

namespace Microsoft.Extensions.DependencyInjection;

public static class MigrateCommand
{
    /// <summary>Applies Runner's and Hangfire's schema, then returns; the host is never started.</summary>
    public static async Task MigrateRunnerDatabaseAsync(this IServiceProvider services, CancellationToken ct = default)
    {
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DatabaseMigrator>().MigrateAsync(ct);
    }
}
