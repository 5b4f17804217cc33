using System.Net;
using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Runner.Domain.Integrations.AzureDevOps;
using Runner.Domain.Integrations.AzureDevOps.Fetching;
using Runner.Tests.Sandbox;

namespace Runner.Tests.Integrations.AzureDevOps;

public sealed class AuthenticationTests
{
    private const string WrongPat = "wrong-pat-0123456789";

    [Test]
    public async Task A_refused_pat_fails_fast_after_one_request_without_leaking_it()
    {
        var org = OrganizationCrawlTests.SmallOrg();
        org.SignInPageOnBadPat = true;
        await using var harness = await AdoClientHarness.StartAsync(org);
        using var session = harness.Open(pat: WrongPat);

        var error = Assert.ThrowsAsync<AzureDevOpsAuthenticationException>(() => AdoClientHarness.FetchAllAsync(session, "branch"));

        Assert.Multiple(() =>
        {
            Assert.That(error!.Message, Is.EqualTo("Azure DevOps rejected the personal access token"));
            Assert.That(error.ToString(), Does.Not.Contain(WrongPat));
            Assert.That(harness.Sandbox.RequestLog.TotalCount, Is.EqualTo(1));
            Assert.That(harness.Sandbox.RequestLog.Snapshot()[0].Status, Is.EqualTo(401), "X-TFS-FedAuthRedirect: Suppress turns the sign-in page into a 401");
            Assert.That(session.Counters.Retries, Is.Zero);
        });
    }

    [TestCase(HttpStatusCode.NonAuthoritativeInformation)]
    [TestCase(HttpStatusCode.OK)]
    public async Task An_html_sign_in_page_is_an_authentication_failure(HttpStatusCode status)
    {
        var primary = new SignInPageHandler(status);
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        services.AddRunnerAzureDevOps();
        services.AddHttpClient("azure-devops").ConfigurePrimaryHttpMessageHandler(() => primary);
        await using var provider = services.BuildServiceProvider();
        using var session = provider.GetRequiredService<AzureDevOpsFetchSessionFactory>()
            .Open(new AzureDevOpsConnection(new Uri("https://dev.azure.com/contoso"), WrongPat, "installation-1", []));

        Assert.ThrowsAsync<AzureDevOpsAuthenticationException>(() => AdoClientHarness.FetchAllAsync(session, "project"));
        Assert.That(primary.Requests, Is.EqualTo(1));
    }

    private sealed class SignInPageHandler(HttpStatusCode status) : HttpMessageHandler
    {
        public int Requests { get; private set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Requests++;
            return Task.FromResult(new HttpResponseMessage(status)
            {
                Content = new StringContent("<html><body>Sign in</body></html>", Encoding.UTF8, "text/html"),
            });
        }
    }
}
