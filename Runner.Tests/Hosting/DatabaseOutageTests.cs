using System.Net;
using Npgsql;
using Runner.Tests.Infrastructure;

namespace Runner.Tests.Hosting;

/// <summary>The database cuts the Api's connections (as a PostgreSQL restart does): 503 with Retry-After, never a 500, then service again.</summary>
public sealed class DatabaseOutageTests
{
    [Test]
    public async Task Requests_on_cut_connections_are_503_with_retry_after_until_the_pool_has_reconnected()
    {
        var database = await TestDatabase.CreateDatabaseAsync("runner_outage");
        await TestDatabase.MigrateAsync(database);
        await using var api = new RunnerApiFactory(database);
        var tenant = await api.CreateTenantAsync();
        // Several requests at once, so the pool holds several connections to cut.
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => tenant.Admin.GetAsync("/api/v1/installations").ExpectAsync(HttpStatusCode.OK)));

        await using (var admin = new NpgsqlConnection(database))
        {
            await admin.OpenAsync();
            await using var cut = new NpgsqlCommand(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()", admin);
            Assert.That(await cut.ExecuteScalarAsync(), Is.GreaterThan(0L), "the Api's pooled connections were cut");
        }

        var failures = new List<HttpResponseMessage>();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        HttpResponseMessage answer;
        while ((answer = await tenant.Admin.GetAsync("/api/v1/installations")).StatusCode != HttpStatusCode.OK && DateTime.UtcNow < deadline)
        {
            failures.Add(answer);
        }

        Assert.That(answer.StatusCode, Is.EqualTo(HttpStatusCode.OK), "the Api serves again without a restart");
        Assert.That(failures.Select(f => f.StatusCode), Has.All.EqualTo(HttpStatusCode.ServiceUnavailable));
        foreach (var failure in failures)
        {
            Assert.That(failure.Headers.RetryAfter?.Delta, Is.EqualTo(TimeSpan.FromSeconds(1)));
            Assert.That(failure.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
        }
    }
}
