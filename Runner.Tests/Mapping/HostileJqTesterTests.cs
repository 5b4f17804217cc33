using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Runner.Domain.Mapping;
using Runner.Domain.Tenants;
using Runner.Tests.Infrastructure;
using Runner.Tests.Installations;

namespace Runner.Tests.Mapping;

/// <summary>
/// The mapping tester is open to read-only member keys and runs whatever jq it is sent: each example ends within
/// the tester's budget with an error naming it, and a mapping with many such resources ends at the request's time
/// limit. Before the native engine, <c>def f: [f]; f</c> here killed the Api and <c>def f: f; f</c> held a core.
/// </summary>
public sealed class HostileJqTesterTests : ApiTests
{
    protected override RunnerApiFactory CreateFactory() => new(settings: new Dictionary<string, string?> { ["Runner:Mapping:TesterTimeLimit"] = "00:00:02" });

    private static string Mapping(string title, int resources = 1) => "resources:\n" + string.Concat(Enumerable.Repeat(
        $"  - kind: repository\n    selector: {{query: 'true'}}\n    port: {{entity: {{mappings: {{identifier: .id, title: '{title.Replace("'", "''", StringComparison.Ordinal)}', blueprint: '\"azureDevopsRepository\"'}}}}}}\n",
        resources));

    private async Task<(HttpClient Member, string InstallationId)> MemberWithExamplesAsync()
    {
        var tenant = await Factory.CreateTenantAsync();
        var installation = await tenant.Admin.PostAsJsonAsync("/api/v1/installations", InstallationRequests.AzureDevOps()).ExpectAsync(HttpStatusCode.Created);
        var id = installation["id"]!.GetValue<string>();
        await using (var scope = Factory.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<TenantContext>().Set(tenant.Id);
            await scope.ServiceProvider.GetRequiredService<RawExamples>().ReplaceAsync(Guid.Parse(id), "repository",
                ["""{"id":"r1","name":"api"}""", """{"id":"r2","name":"web"}"""], DateTimeOffset.UtcNow, CancellationToken.None);
        }
        return (await Factory.CreateMemberAsync(tenant), id);
    }

    public static IEnumerable<TestCaseData> Hostile() => HostileJq.Programs.Select(p => new TestCaseData(p.Program, p.Budget).SetArgDisplayNames(p.Name));

    [TestCaseSource(nameof(Hostile))]
    public async Task Each_example_ends_within_the_testers_budget(string program, string budget)
    {
        var (member, id) = await MemberWithExamplesAsync();

        var tested = await member.PostAsJsonAsync($"/api/v1/installations/{id}/mapping/test", new { kind = "repository", mapping = Mapping(program) }).ExpectAsync(HttpStatusCode.OK);

        var errors = tested["examples"]!.AsArray().Select(e => e!["resources"]![0]!["error"]!.GetValue<string>()).ToList();
        Assert.That(errors, Has.Count.EqualTo(2));
        Assert.That(errors, Has.All.Contain("ran out of its budget").And.All.Contain(budget));
    }

    [Test]
    public async Task Many_slow_resources_end_at_the_requests_time_limit()
    {
        var (member, id) = await MemberWithExamplesAsync();

        var tested = await member.PostAsJsonAsync($"/api/v1/installations/{id}/mapping/test", new { kind = "repository", mapping = Mapping("def f: f; f", resources: 200) }).ExpectAsync(HttpStatusCode.OK);

        var errors = tested["examples"]!.AsArray().SelectMany(e => e!["resources"]!.AsArray()).Select(r => r!["error"]!.GetValue<string>()).ToList();
        Assert.That(errors, Has.Count.EqualTo(400));
        Assert.That(errors.Last(), Does.Contain("the tester's time limit of 2 s ran out"));
        Assert.That(errors.First(), Does.Contain("ran out of its budget"));
    }
}
