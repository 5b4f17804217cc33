using System.Net;
using Runner.Tests.Infrastructure;

namespace Runner.Tests.Hosting;

/// <summary>The console (which keeps a key in sessionStorage) and the API send headers that stop framing, sniffing, leaking and caching.</summary>
public sealed class SecurityHeadersTests : ApiTests
{
    [TestCase("/")]
    [TestCase("/js/app.js")]
    [TestCase("/css/console.css")]
    [TestCase("/api/v1/me")]
    public async Task Every_response_forbids_framing_sniffing_and_foreign_content(string path)
    {
        var tenant = await Factory.CreateTenantAsync();
        var response = await tenant.Admin.GetAsync(path);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(Header(response, "Content-Security-Policy"), Is.EqualTo("default-src 'self'; frame-ancestors 'none'"));
        Assert.That(Header(response, "X-Content-Type-Options"), Is.EqualTo("nosniff"));
        Assert.That(Header(response, "X-Frame-Options"), Is.EqualTo("DENY"));
        Assert.That(Header(response, "Referrer-Policy"), Is.EqualTo("no-referrer"));
    }

    [TestCase("/api/v1/installations", HttpStatusCode.OK)]
    [TestCase("/api/v1/installations/not-a-guid", HttpStatusCode.NotFound)]
    [TestCase("/api/v1/installations?limit=abc", HttpStatusCode.BadRequest)]
    public async Task Api_responses_are_never_stored(string path, HttpStatusCode status)
    {
        var tenant = await Factory.CreateTenantAsync();
        var response = await tenant.Admin.GetAsync(path);

        Assert.That(response.StatusCode, Is.EqualTo(status));
        Assert.That(response.Headers.CacheControl?.NoStore, Is.True, response.Headers.CacheControl?.ToString());
    }

    [Test]
    public async Task Console_files_are_revalidated_not_forbidden_from_caching()
    {
        using var anonymous = Factory.CreateClient(apiKey: null);
        var response = await anonymous.GetAsync("/js/app.js");
        Assert.That(response.Headers.CacheControl?.NoCache, Is.True);
        Assert.That(response.Headers.CacheControl?.NoStore, Is.False);
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values) ? string.Join(",", values) : null;
}
