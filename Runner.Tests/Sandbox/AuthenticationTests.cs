using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Runner.Tools.AdoSandbox;

namespace Runner.Tests.Sandbox;

public sealed class AuthenticationTests
{
    private const string Projects = "_apis/projects?api-version=7.1";

    private static AuthenticationHeaderValue Basic(string user, string pat) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{pat}")));

    [Test]
    public async Task Wrong_or_missing_pat_gets_401_with_www_authenticate_by_default()
    {
        await using var host = await AdoSandboxHost.StartAsync();
        using var client = new SandboxClient(host);
        client.Http.DefaultRequestHeaders.Authorization = Basic("", "wrong");

        using var wrong = await client.Http.GetAsync(Projects);
        client.Http.DefaultRequestHeaders.Authorization = null;
        using var missing = await client.Http.GetAsync(Projects);

        Assert.That(wrong.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(wrong.Headers.WwwAuthenticate.Single().Scheme, Is.EqualTo("Basic"));
        Assert.That(await wrong.Content.ReadAsStringAsync(), Does.Contain("TF400813"));
        Assert.That(missing.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [Test]
    public async Task Sign_in_page_knob_answers_203_html_unless_fed_auth_redirect_is_suppressed()
    {
        await using var host = await AdoSandboxHost.StartAsync(new SandboxOptions { SignInPageOnBadPat = true });
        using var client = new SandboxClient(host);
        client.Http.DefaultRequestHeaders.Authorization = Basic("", "expired");

        using var trap = await client.Http.GetAsync(Projects);
        client.Http.DefaultRequestHeaders.Add("X-TFS-FedAuthRedirect", "Suppress");
        using var suppressed = await client.Http.GetAsync(Projects);

        Assert.That(trap.StatusCode, Is.EqualTo(HttpStatusCode.NonAuthoritativeInformation));
        Assert.That(trap.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/html"));
        Assert.That(await trap.Content.ReadAsStringAsync(), Does.Contain("Sign In"));
        Assert.That(suppressed.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [Test]
    public async Task The_pat_is_the_password_and_the_user_name_is_ignored_like_ado()
    {
        await using var host = await AdoSandboxHost.StartAsync(new SandboxOptions { Pat = "s3cret" });
        using var client = new SandboxClient(host);
        client.Http.DefaultRequestHeaders.Authorization = Basic("anything", "s3cret");

        using var response = await client.Http.GetAsync(Projects);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task Api_version_rules_match_the_service()
    {
        await using var host = await AdoSandboxHost.StartAsync();
        using var client = new SandboxClient(host);

        using var gaOnPreviewOnly = await client.Http.GetAsync("_apis/graph/users?api-version=7.1");
        using var postWithoutVersion = await client.PostJsonAsync("_apis/wit/wiql", new { query = "SELECT [System.Id] FROM WorkItems" });
        using var tooNew = await client.Http.GetAsync("_apis/projects?api-version=9.0");
        using var inAcceptHeader = new HttpRequestMessage(HttpMethod.Get, "_apis/teams");
        inAcceptHeader.Headers.TryAddWithoutValidation("Accept", "application/json;api-version=7.1-preview.3");
        using var viaHeader = await client.Http.SendAsync(inAcceptHeader);

        Assert.That(await gaOnPreviewOnly.Content.ReadAsStringAsync(), Does.Contain("VssInvalidPreviewVersionException"));
        Assert.That(await postWithoutVersion.Content.ReadAsStringAsync(), Does.Contain("VssVersionNotSpecifiedException"));
        Assert.That(tooNew.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(viaHeader.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task An_unknown_organization_is_404()
    {
        await using var host = await AdoSandboxHost.StartAsync(new SandboxOptions { Organization = "contoso" });
        using var client = new SandboxClient(host);

        using var response = await client.Http.GetAsync("/fabrikam/_apis/projects?api-version=7.1");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(host.BaseUrl, Does.EndWith("/contoso").And.StartWith("http://127.0.0.1:"));
    }

    [Test]
    public void The_host_refuses_to_listen_beyond_loopback()
    {
        Assert.That(async () => await AdoSandboxHost.StartAsync(new SandboxOptions { ListenAddress = "0.0.0.0" }), Throws.ArgumentException);
    }
}
