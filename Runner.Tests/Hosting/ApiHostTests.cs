using System.Net;
using Runner.Tests.Infrastructure;

namespace Runner.Tests.Hosting;

public sealed class ApiHostTests : ApiTests
{
    [Test]
    public async Task Liveness_and_readiness_answer_on_a_migrated_database()
    {
        using var client = Factory.CreateClient(apiKey: null);
        Assert.That((await client.GetAsync("/healthz")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await client.GetAsync("/readyz")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task The_openapi_document_describes_the_api()
    {
        using var client = Factory.CreateClient(apiKey: null);
        var document = await client.GetAsync("/openapi/v1.json").ExpectAsync(HttpStatusCode.OK);
        var paths = document["paths"]!.AsObject().Select(p => p.Key).ToList();
        Assert.That(paths, Is.SupersetOf(new[]
        {
            "/api/v1/admin/tenants", "/api/v1/api-keys", "/api/v1/api-keys/{id}", "/api/v1/secrets", "/api/v1/secrets/{name}",
            "/api/v1/integrations", "/api/v1/egress-ips", "/api/v1/installations", "/api/v1/installations/{id}",
        }));
    }

    [Test]
    public async Task An_unknown_route_is_a_problem_document()
    {
        var tenant = await Factory.CreateTenantAsync();
        await tenant.Admin.GetAsync("/api/v1/nothing-here").ExpectProblemAsync(HttpStatusCode.NotFound);
    }
}

/// <summary>An Api pointed at a database nobody migrated: alive, but not ready.</summary>
public sealed class UnmigratedDatabaseTests : ApiTests
{
    private string _emptyDatabase = "";

    protected override RunnerApiFactory CreateFactory()
    {
        // Runs before any [OneTimeSetUp] of this class (the base class's comes first).
        _emptyDatabase = TestDatabase.CreateDatabaseAsync("runner_empty").GetAwaiter().GetResult();
        return new RunnerApiFactory(connectionString: _emptyDatabase);
    }

    [Test]
    public async Task Readiness_fails_until_the_migrate_command_has_run()
    {
        using var client = Factory.CreateClient(apiKey: null);
        Assert.That((await client.GetAsync("/healthz")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await client.GetAsync("/readyz")).StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));

        await TestDatabase.MigrateAsync(_emptyDatabase);

        Assert.That((await client.GetAsync("/readyz")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }
}
