using System.Net;
using System.Net.Sockets;
using Runner.Tools.AdoSandbox;

namespace Runner.Tests.Sandbox;

public sealed class RequestLogTests
{
    /// <summary>Binds the client socket to a chosen loopback address, as the Runner's egress binding will.</summary>
    private static SocketsHttpHandler BoundTo(IPAddress source) => new()
    {
        ConnectCallback = async (context, cancellationToken) =>
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                socket.Bind(new IPEndPoint(source, 0));
                await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    };

    [Test]
    public async Task The_log_records_each_requests_source_address_method_path_and_status()
    {
        await using var host = await AdoSandboxHost.StartAsync();
        using var viaTwo = new SandboxClient(host, BoundTo(IPAddress.Parse("127.0.0.2")));
        using var viaThree = new SandboxClient(host, BoundTo(IPAddress.Parse("127.0.0.3")));

        using var ok = await viaTwo.Http.GetAsync("_apis/projects?api-version=7.1");
        viaThree.Http.DefaultRequestHeaders.Authorization = null;
        using var denied = await viaThree.Http.GetAsync("_apis/projects?api-version=7.1");

        var entries = host.RequestLog.Snapshot();
        Assert.That(entries.Select(e => (e.RemoteIp?.ToString(), e.Method, e.Path, e.Status)), Is.EqualTo(new[]
        {
            ("127.0.0.2", "GET", $"/{host.Options.Organization}/_apis/projects", 200),
            ("127.0.0.3", "GET", $"/{host.Options.Organization}/_apis/projects", 401),
        }));
    }

    [Test]
    public async Task The_log_is_bounded_but_counts_every_request_and_skips_the_control_api()
    {
        await using var host = await AdoSandboxHost.StartAsync(new SandboxOptions { RequestLogCapacity = 3 });
        using var client = new SandboxClient(host);
        using var control = new HttpClient { BaseAddress = host.Root };

        for (var skip = 0; skip < 5; skip++)
        {
            using var response = await client.Http.GetAsync($"_apis/projects?api-version=7.1&$skip={skip}");
        }
        using var controlCall = await control.GetAsync("_sandbox/requests");

        Assert.That(host.RequestLog.TotalCount, Is.EqualTo(5));
        Assert.That(host.RequestLog.Snapshot().Select(e => e.Query), Is.EqualTo(new[] { "?api-version=7.1&$skip=2", "?api-version=7.1&$skip=3", "?api-version=7.1&$skip=4" }));
    }
}
