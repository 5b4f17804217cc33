using System.Net;
using System.Net.Http.Json;
using Runner.Tests.Infrastructure;
using static Runner.Tests.Catalog.CatalogScope;

namespace Runner.Tests.Catalog;

public sealed class CatalogEndpointTests : ApiTests
{
    [Test]
    public async Task Entities_are_paged_by_cursor_searchable_and_readable_one_by_one()
    {
        await using var catalog = await CreateAsync(Factory);
        var client = Factory.CreateClient(catalog.AdminKey);
        await catalog.Writer.UpsertAsync(Guid.NewGuid(), catalog.InstallationId,
            [.. Enumerable.Range(0, 5).Select(i => Entity("azureDevopsProject", $"p{i}", $$"""{"n":{{i}}}""", title: i == 3 ? "Special Project" : $"Project {i}"))],
            false, DateTimeOffset.MaxValue, CancellationToken.None);

        var first = await client.GetAsync("/api/v1/blueprints/azureDevopsProject/entities?limit=2").ExpectAsync(HttpStatusCode.OK);
        Assert.That(first["items"]!.AsArray().Select(e => e!["identifier"]!.GetValue<string>()), Is.EqualTo(new[] { "p0", "p1" }));
        var cursor = first["nextCursor"]!.GetValue<string>();
        var rest = await client.GetAsync($"/api/v1/blueprints/azureDevopsProject/entities?limit=10&cursor={cursor}").ExpectAsync(HttpStatusCode.OK);
        Assert.That(rest["items"]!.AsArray().Select(e => e!["identifier"]!.GetValue<string>()), Is.EqualTo(new[] { "p2", "p3", "p4" }));
        Assert.That(rest["nextCursor"], Is.Null);

        var found = await client.GetAsync("/api/v1/blueprints/azureDevopsProject/entities?search=special").ExpectAsync(HttpStatusCode.OK);
        Assert.That(found["items"]!.AsArray().Select(e => e!["identifier"]!.GetValue<string>()), Is.EqualTo(new[] { "p3" }));
        var byInstallation = await client.GetAsync($"/api/v1/blueprints/azureDevopsProject/entities?installationId={Guid.NewGuid()}").ExpectAsync(HttpStatusCode.OK);
        Assert.That(byInstallation["items"]!.AsArray(), Is.Empty);

        var one = await client.GetAsync("/api/v1/blueprints/azureDevopsProject/entities/p3").ExpectAsync(HttpStatusCode.OK);
        Assert.That(one["properties"]!["n"]!.GetValue<int>(), Is.EqualTo(3));
        Assert.That(one["installationId"]!.GetValue<Guid>(), Is.EqualTo(catalog.InstallationId));
        await client.GetAsync("/api/v1/blueprints/azureDevopsProject/entities/nope").ExpectProblemAsync(HttpStatusCode.NotFound);
        await client.GetAsync("/api/v1/blueprints/azureDevopsProject/entities?limit=0").ExpectProblemAsync(HttpStatusCode.BadRequest, "limit", "between 1 and 500");
    }

    [Test]
    public async Task Another_tenants_entities_and_blueprints_do_not_exist_for_the_caller()
    {
        await using var catalog = await CreateAsync(Factory);
        await catalog.Writer.UpsertAsync(Guid.NewGuid(), catalog.InstallationId, [Entity("azureDevopsProject", "secret-project")], false, DateTimeOffset.MaxValue, CancellationToken.None);
        var other = await Factory.CreateTenantAsync("Other");

        await other.Admin.GetAsync("/api/v1/blueprints/azureDevopsProject").ExpectProblemAsync(HttpStatusCode.NotFound);
        await other.Admin.GetAsync("/api/v1/blueprints/azureDevopsProject/entities").ExpectProblemAsync(HttpStatusCode.NotFound);
        await other.Admin.GetAsync("/api/v1/blueprints/azureDevopsProject/entities/secret-project").ExpectProblemAsync(HttpStatusCode.NotFound);
        var blueprints = await other.Admin.GetAsync("/api/v1/blueprints").ExpectAsync(HttpStatusCode.OK);
        Assert.That(blueprints["items"]!.AsArray(), Is.Empty);
    }

    [Test]
    public async Task Blueprints_are_created_and_replaced_with_validation()
    {
        var tenant = await Factory.CreateTenantAsync();
        var created = await tenant.Admin.PutAsJsonAsync("/api/v1/blueprints/service", new
        {
            title = "Service",
            schema = new { properties = new { language = new { type = "string" } }, required = Array.Empty<string>() },
            relations = new { project = new { title = "Project", target = "azureDevopsProject", required = false, many = false } },
        }).ExpectAsync(HttpStatusCode.OK);
        Assert.That(created["identifier"]!.GetValue<string>(), Is.EqualTo("service"));

        await tenant.Admin.PutAsJsonAsync("/api/v1/blueprints/service", new { title = "Services" }).ExpectAsync(HttpStatusCode.OK);
        var read = await tenant.Admin.GetAsync("/api/v1/blueprints/service").ExpectAsync(HttpStatusCode.OK);
        Assert.That(read["title"]!.GetValue<string>(), Is.EqualTo("Services"));

        await tenant.Admin.PutAsJsonAsync("/api/v1/blueprints/service", new { identifier = "other", title = "x" })
            .ExpectProblemAsync(HttpStatusCode.BadRequest, "identifier", "must equal the identifier in the path");
        await tenant.Admin.PutAsJsonAsync("/api/v1/blueprints/service", new { title = "" }).ExpectProblemAsync(HttpStatusCode.BadRequest, "title", "is required");
        await tenant.Admin.PutAsJsonAsync("/api/v1/blueprints/service", new { title = "x", relations = new { p = new { title = "P" } } })
            .ExpectProblemAsync(HttpStatusCode.BadRequest, "relations.p.target", "is required");
        using var member = await Factory.CreateMemberAsync(tenant);
        await member.PutAsJsonAsync("/api/v1/blueprints/service", new { title = "x" }).ExpectProblemAsync(HttpStatusCode.Forbidden);
    }
}
