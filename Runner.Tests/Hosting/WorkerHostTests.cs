extern alias worker;

using System.Net;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Npgsql;
using WorkerOptions = worker::Runner.Worker.Hosting.WorkerOptions;

namespace Runner.Tests.Hosting;

public sealed class WorkerHostTests
{
    private sealed class WorkerFactory(string database) : WebApplicationFactory<WorkerOptions>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
            builder.UseEnvironment("Testing");
            builder.UseSetting("Runner:Database:ConnectionString", database);
            builder.UseSetting("Runner:Secrets:Local:Key", Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
            builder.UseSetting("Runner:Worker:WorkerCount", "2");
        }
    }

    [Test]
    public async Task The_worker_starts_is_ready_and_registers_a_hangfire_server()
    {
        // Its own database, so it does not pick up jobs that Api-only fixtures queued.
        var database = await TestDatabase.CreateDatabaseAsync("runner_worker");
        await TestDatabase.MigrateAsync(database);
        using var factory = new WorkerFactory(database);
        using var client = factory.CreateClient();

        Assert.That((await client.GetAsync("/healthz")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await client.GetAsync("/readyz")).StatusCode, Is.EqualTo(HttpStatusCode.OK));

        var serverId = $"runner-worker:{Environment.MachineName}:{Environment.ProcessId}";
        var deadline = DateTime.UtcNow.AddSeconds(30);
        long servers;
        do
        {
            servers = await CountServersAsync(database, serverId);
            if (servers > 0)
            {
                break;
            }
            await Task.Delay(100);
        }
        while (DateTime.UtcNow < deadline);
        Assert.That(servers, Is.GreaterThan(0), "the worker's Hangfire server heartbeats into PostgreSQL");
    }

    private static async Task<long> CountServersAsync(string database, string serverId)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM hangfire.server WHERE id LIKE $1", connection);
        command.Parameters.AddWithValue(serverId.ToLowerInvariant() + "%");
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
