using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Runner.Domain.Secrets;
using Runner.Domain.Tenants;

namespace Runner.Tests.Infrastructure;

/// <summary>Small helpers that keep tests about behaviour, not HTTP plumbing.</summary>
public static class ApiCalls
{
    public sealed record TestTenant(Guid Id, string AdminKey, HttpClient Admin);

    public static async Task<TestTenant> CreateTenantAsync(this RunnerApiFactory factory, string name = "Contoso")
    {
        using var operatorClient = factory.CreateClient(RunnerApiFactory.OperatorKey);
        var response = await operatorClient.PostAsJsonAsync("/api/v1/admin/tenants", new { name });
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
        var body = await response.ReadJsonAsync();
        var key = body["apiKey"]!.GetValue<string>();
        return new TestTenant(Guid.Parse(body["id"]!.GetValue<string>()), key, factory.CreateClient(key));
    }

    public static async Task<HttpClient> CreateMemberAsync(this RunnerApiFactory factory, TestTenant tenant)
    {
        var response = await tenant.Admin.PostAsJsonAsync("/api/v1/api-keys", new { name = "reader", role = "member" });
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        return factory.CreateClient((await response.ReadJsonAsync())["apiKey"]!.GetValue<string>());
    }

    /// <summary>Opens a secret the way the resync does (SecretReader), to prove what was sealed.</summary>
    public static async Task<string> RevealSecretAsync(this RunnerApiFactory factory, Guid tenantId, string name)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Set(tenantId);
        var secret = await scope.ServiceProvider.GetRequiredService<SecretStore>().FindAsync(name, CancellationToken.None);
        return await scope.ServiceProvider.GetRequiredService<SecretReader>().RevealAsync(secret.Id, CancellationToken.None);
    }

    public static async Task<JsonNode> ReadJsonAsync(this HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync()) ?? throw new AssertionException("Empty body");

    public static Task<HttpResponseMessage> SendJsonAsync(this HttpClient client, HttpMethod method, string url, string json) =>
        client.SendAsync(new HttpRequestMessage(method, url) { Content = new StringContent(json, Encoding.UTF8, "application/json") });

    public static async Task<JsonNode> ExpectAsync(this Task<HttpResponseMessage> call, HttpStatusCode status)
    {
        var response = await call;
        var body = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(status), body);
        return body.Length == 0 ? new JsonObject() : JsonNode.Parse(body)!;
    }

    /// <summary>Asserts an RFC 7807 response; with a field, asserts its validation error contains the reason.</summary>
    public static async Task<JsonNode> ExpectProblemAsync(this Task<HttpResponseMessage> call, HttpStatusCode status, string? field = null, string? reason = null)
    {
        var response = await call;
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(status), text);
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"), text);
        var problem = JsonNode.Parse(text)!;
        Assert.That(problem["status"]!.GetValue<int>(), Is.EqualTo((int)status));
        if (field is not null)
        {
            var reasons = problem["errors"]?[field]?.AsArray().Select(r => r!.GetValue<string>()).ToList();
            Assert.That(reasons, Is.Not.Null, $"no error for field '{field}': {text}");
            Assert.That(reasons, Has.Some.Contains(reason ?? ""), text);
        }
        return problem;
    }
}
