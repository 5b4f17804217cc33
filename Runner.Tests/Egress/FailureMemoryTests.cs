using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Runner.Domain.Egress;

namespace Runner.Tests.Egress;

/// <summary>An address that failed to bind goes to the back of every installation's order for a while, then comes back.</summary>
public sealed class FailureMemoryTests
{
    [Test]
    public void A_failed_address_is_skipped_for_five_minutes_then_preferred_again()
    {
        var time = new FakeTimeProvider();
        var options = Options.Create(new EgressOptions { Addresses = ["192.0.2.1", "127.0.0.2"] });
        using var pool = new EgressPool(options, time, NullLogger<EgressPool>.Instance);
        var installation = Enumerable.Range(0, 100).Select(i => $"installation-{i}").First(id => EgressPool.PreferredIndex(id, 2) == 0);
        string[] Order() => [.. pool.RoutesFor(installation).Select(r => r.Source!.ToString())];

        pool.MarkFailed(new EgressBindException(IPAddress.Parse("192.0.2.1"), new SocketException((int)SocketError.AddressNotAvailable)), installation);
        var whileRemembered = Order();
        time.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1));

        Assert.Multiple(() =>
        {
            Assert.That(whileRemembered, Is.EqualTo(new[] { "127.0.0.2", "192.0.2.1" }));
            Assert.That(Order(), Is.EqualTo(new[] { "192.0.2.1", "127.0.0.2" }));
        });
    }
}
