using System.Net;
using System.Text.Json.Nodes;
using Runner.Tests.Infrastructure;

namespace Runner.Tests.Hosting;

/// <summary>/openapi/v1.json is a contract a generated client can rely on: how to authenticate, what errors to expect.</summary>
public sealed class OpenApiDocumentTests : ApiTests
{
    private async Task<JsonNode> DocumentAsync()
    {
        using var client = Factory.CreateClient(apiKey: null);
        return await client.GetAsync("/openapi/v1.json").ExpectAsync(HttpStatusCode.OK);
    }

    [Test]
    public async Task Redocly_lint_with_the_recommended_rules_finds_no_error()
    {
        var report = await Redocly.LintAsync((await DocumentAsync()).ToJsonString());

        var problems = report["problems"]!.AsArray()
            .Select(p => $"{p!["severity"]} {p["ruleId"]}: {p["message"]} at {p["location"]?[0]?["pointer"]}").ToList();
        Assert.That(report["totals"]!["errors"]!.GetValue<int>(), Is.Zero, string.Join("\n", problems));
        // Runner declares no license, the one recommended warning it cannot honestly fix.
        Assert.That(problems.Where(p => !p.Contains("info-license", StringComparison.Ordinal)), Is.Empty);
    }

    [Test]
    public async Task Every_operation_declares_its_key_an_id_a_summary_and_its_errors()
    {
        var document = await DocumentAsync();
        Assert.That(document["components"]!["securitySchemes"]!.AsObject().Select(s => s.Key), Is.EquivalentTo(new[] { "tenantKey", "operatorKey", "webhookCredential" }));

        foreach (var (path, item) in document["paths"]!.AsObject())
        {
            foreach (var (method, operation) in item!.AsObject())
            {
                var name = $"{method} {path}";
                Assert.That(operation!["operationId"]?.GetValue<string>(), Is.Not.Null.And.Not.Empty, name);
                Assert.That(operation["summary"]?.GetValue<string>(), Is.Not.Null.And.Not.Empty, name);
                var schemes = operation["security"]!.AsArray().SelectMany(r => r!.AsObject().Select(s => s.Key)).ToList();
                var expected = path.StartsWith("/api/v1/admin/", StringComparison.Ordinal) ? new[] { "operatorKey" }
                    : path.StartsWith("/hooks/", StringComparison.Ordinal) ? ["webhookCredential"]
                    : path == "/api/v1/me" ? ["tenantKey", "operatorKey"] : ["tenantKey"];
                Assert.That(schemes, Is.EquivalentTo(expected), name);
                Assert.That(operation["responses"]!.AsObject().Select(r => r.Key), Is.SupersetOf(new[] { "401", "429" }), name);
            }
        }
        Assert.That(document["paths"]!["/api/v1/installations/{id}"]!["get"]!["responses"]!["404"], Is.Not.Null);
        Assert.That(document["paths"]!["/api/v1/installations/{installationId}/resyncs"]!["post"]!["responses"]!["409"], Is.Not.Null);
        Assert.That(document["paths"]!["/api/v1/installations"]!["post"]!["responses"]!["400"], Is.Not.Null);
    }
}
