using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Runner.Domain.Egress;
using Runner.Domain.Integrations.AzureDevOps;
using Runner.Tests.Integrations.AzureDevOps;
using Runner.Tools.AdoSandbox;

namespace Runner.Tests.Egress;

/// <summary>Nothing lets a request leave the guarded path: redirects are not followed, proxies from the environment are ignored.</summary>
public sealed class RedirectAndProxyTests
{
    [Test]
    public async Task A_redirect_is_not_followed_and_fails_the_kind()
    {
        await using var harness = await AdoClientHarness.StartAsync(new SandboxOptions());
        using var redirector = new TcpListener(IPAddress.Loopback, 0);
        redirector.Start();
        var answering = AnswerWithRedirectAsync(redirector, new Uri(harness.Sandbox.BaseUrl + "/_apis/projects"));
        var port = ((IPEndPoint)redirector.LocalEndpoint).Port;

        using var session = harness.Open(organizationUrl: new Uri($"http://127.0.0.1:{port}/sandbox"));
        var failure = Assert.ThrowsAsync<AzureDevOpsFetchException>(() => AdoClientHarness.FetchAllAsync(session, "project"))!;

        Assert.Multiple(() =>
        {
            Assert.That(failure.StatusCode, Is.EqualTo(302), failure.Message);
            Assert.That(harness.Sandbox.RequestLog.TotalCount, Is.Zero, "the redirect target was never called");
        });
        redirector.Stop();
        await answering;
    }

    [Test]
    public void Every_egress_handler_ignores_proxies_and_redirects_even_with_a_proxy_in_the_environment()
    {
        var saved = Environment.GetEnvironmentVariable("HTTPS_PROXY");
        Environment.SetEnvironmentVariable("HTTPS_PROXY", "http://127.0.0.1:9");
        try
        {
            var options = Options.Create(new EgressOptions { Addresses = ["127.0.0.2", "127.0.0.3"] });
            using var pool = new EgressPool(options, TimeProvider.System, NullLogger<EgressPool>.Instance);

            Assert.That(pool.Routes, Has.Count.EqualTo(2));
            foreach (var route in pool.Routes)
            {
                Assert.That(route.Handler.UseProxy, Is.False, $"{route.Source}: a proxy would receive the ConnectCallback's connection");
                Assert.That(route.Handler.AllowAutoRedirect, Is.False);
                Assert.That(route.Handler.ConnectCallback, Is.Not.Null);
                Assert.That(route.Handler.ConnectTimeout, Is.LessThanOrEqualTo(TimeSpan.FromSeconds(10)));
            }
        }
        finally
        {
            Environment.SetEnvironmentVariable("HTTPS_PROXY", saved);
        }
    }

    /// <summary>A minimal HTTP server: every request on every connection gets a 302 to <paramref name="target"/>.</summary>
    private static async Task AnswerWithRedirectAsync(TcpListener listener, Uri target)
    {
        var response = Encoding.ASCII.GetBytes($"HTTP/1.1 302 Found\r\nLocation: {target}\r\nContent-Length: 0\r\n\r\n");
        try
        {
            while (true)
            {
                using var client = await listener.AcceptTcpClientAsync();
                var stream = client.GetStream();
                var buffer = new byte[8192];
                var received = new StringBuilder();
                while (!received.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
                {
                    var read = await stream.ReadAsync(buffer);
                    if (read == 0)
                    {
                        break;
                    }
                    received.Append(Encoding.ASCII.GetString(buffer, 0, read));
                }
                await stream.WriteAsync(response);
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException or InvalidOperationException)
        {
            // The listener was stopped: the test is over. Stopped between two accepts, the next accept says "Not listening".
        }
    }
}
