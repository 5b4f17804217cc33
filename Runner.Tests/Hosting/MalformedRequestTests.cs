using System.Net;
using System.Text;
using Runner.Tests.Infrastructure;

namespace Runner.Tests.Hosting;

/// <summary>Whatever a client sends to a write endpoint, the answer is a 4xx problem, never a 500.</summary>
public sealed class MalformedRequestTests : ApiTests
{
    private static readonly string[] Bodies =
    [
        "", "null", "[]", "123", "\"text\"", "{", "{}}", "{\"name\":123}", "{\"name\":null,\"value\":null}",
        "{\"name\":\"x\",\"role\":[\"admin\"]}", "{\"integrationSettings\":\"x\"}", "{\"applicationSettings\":[]}",
        "{\"applicationSettings\":{\"resyncIntervalHours\":1e400}}", "{\"applicationSettings\":{\"resyncIntervalHours\":99999999999}}",
        "{\"integrationType\":\"azure-devops\",\"name\":\"n\",\"integrationSettings\":{\"organizationUrl\":{\"a\":1},\"personalAccessToken\":{\"newSecret\":[]}}}",
        "\u0000\u0001garbage", "{\"name\":\"\\ud800\"}",
    ];

    private static readonly (string Method, string Path)[] WriteEndpoints =
    [
        ("POST", "/api/v1/admin/tenants"), ("POST", "/api/v1/api-keys"), ("POST", "/api/v1/secrets"), ("PUT", "/api/v1/secrets/some-name"),
        ("POST", "/api/v1/installations"), ("PATCH", "/api/v1/installations/{installation}"),
    ];

    [Test]
    public async Task Malformed_bodies_are_client_errors_on_every_write_endpoint()
    {
        var tenant = await Factory.CreateTenantAsync();
        var installation = await tenant.Admin.PostAsync("/api/v1/installations", new StringContent(
            """{"integrationType":"azure-devops","name":"x","integrationSettings":{"organizationUrl":"https://dev.azure.com/c","personalAccessToken":{"newSecret":{"name":"some-name","value":"v"}}}}""",
            Encoding.UTF8, "application/json")).ExpectAsync(HttpStatusCode.Created);
        using var operatorClient = Factory.CreateClient(RunnerApiFactory.OperatorKey);

        var failures = new List<string>();
        foreach (var (method, template) in WriteEndpoints)
        {
            var path = template.Replace("{installation}", installation["id"]!.GetValue<string>(), StringComparison.Ordinal);
            var client = path.Contains("/admin/", StringComparison.Ordinal) ? operatorClient : tenant.Admin;
            foreach (var body in Bodies)
            {
                var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Content = new StringContent(body, Encoding.UTF8, "application/json") });
                var status = (int)response.StatusCode;
                if (status is < 400 or >= 500 || response.Content.Headers.ContentType?.MediaType != "application/problem+json")
                {
                    failures.Add($"{method} {template} {body} -> {status} {response.Content.Headers.ContentType?.MediaType}");
                }
            }
            var plain = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Content = new StringContent("{}", Encoding.UTF8, "text/plain") });
            if (plain.StatusCode != HttpStatusCode.UnsupportedMediaType)
            {
                failures.Add($"{method} {template} as text/plain -> {(int)plain.StatusCode}");
            }
        }
        Assert.That(failures, Is.Empty);
    }

    [Test]
    public async Task A_malformed_id_in_the_path_is_a_404_problem()
    {
        var tenant = await Factory.CreateTenantAsync();
        await tenant.Admin.GetAsync("/api/v1/installations/not-a-guid").ExpectProblemAsync(HttpStatusCode.NotFound);
    }
}
