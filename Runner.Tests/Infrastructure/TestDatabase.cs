using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Testcontainers.PostgreSql;

namespace Runner.Tests;

/// <summary>
/// Owns the PostgreSQL every test uses: the server named by RUNNER_TEST_POSTGRES (test.sh starts
/// one), else a Testcontainers server when Docker is available. One migrated database per run.
/// </summary>
[SetUpFixture]
public sealed class TestDatabase
{
    private static PostgreSqlContainer? _container;
    private static string? _serverConnectionString;

    public static string ConnectionString { get; private set; } = "";

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _serverConnectionString = await ServerConnectionStringAsync();
        ConnectionString = await CreateDatabaseAsync("runner_test");
        await MigrateAsync(ConnectionString);
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (_container is not null)
        {
            await _container.DisposeAsync();
        }
    }

    /// <summary>A new empty database on the test server (dropped with the server's data folder or container).</summary>
    public static async Task<string> CreateDatabaseAsync(string prefix)
    {
        var name = $"{prefix}_{Guid.NewGuid():N}";
        await using (var connection = new NpgsqlConnection(_serverConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await command.ExecuteNonQueryAsync();
        }
        return new NpgsqlConnectionStringBuilder(_serverConnectionString) { Database = name }.ConnectionString;
    }

    /// <summary>Runs the real migrate command (Runner's migrations and Hangfire's schema) against a database.</summary>
    public static async Task MigrateAsync(string connectionString)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Runner:Database:ConnectionString"] = connectionString })
            .Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddLogging().AddRunnerPersistence();
        await using var provider = services.BuildServiceProvider();
        await provider.MigrateRunnerDatabaseAsync();
    }

    private static async Task<string> ServerConnectionStringAsync()
    {
        if (Environment.GetEnvironmentVariable("RUNNER_TEST_POSTGRES") is { Length: > 0 } configured)
        {
            return configured;
        }
        if (!File.Exists("/var/run/docker.sock") && Environment.GetEnvironmentVariable("DOCKER_HOST") is null)
        {
            throw new InvalidOperationException("No PostgreSQL for the tests: set RUNNER_TEST_POSTGRES (./test.sh does) or make Docker available for Testcontainers.");
        }
        _container = new PostgreSqlBuilder("postgres:15").Build();
        await _container.StartAsync();
        return _container.GetConnectionString();
    }
}
