using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Runner.Api.Auth;

namespace Runner.Tests.Tenants;

/// <summary>The failed-key bucket of one client: refills one attempt per period, and an IPv6 client is its /64.</summary>
public sealed class FailedAuthenticationBucketTests
{
    private readonly FakeTimeProvider _clock = new();

    private FailedAuthenticationThrottle Throttle() =>
        new(Options.Create(new FailedAuthenticationOptions { Burst = 2, ReplenishPeriod = TimeSpan.FromSeconds(10) }), _clock);

    private static DefaultHttpContext From(string address) => new() { Connection = { RemoteIpAddress = IPAddress.Parse(address) } };

    [Test]
    public void An_empty_bucket_refuses_until_one_period_has_passed()
    {
        var throttle = Throttle();
        var client = From("198.51.100.7");
        throttle.RecordFailure(client);
        throttle.RecordFailure(client);

        Assert.That(throttle.RefusedFor(client), Is.EqualTo(TimeSpan.FromSeconds(10)));
        _clock.Advance(TimeSpan.FromSeconds(4));
        Assert.That(throttle.RefusedFor(client), Is.EqualTo(TimeSpan.FromSeconds(6)));
        _clock.Advance(TimeSpan.FromSeconds(6));
        Assert.That(throttle.RefusedFor(client), Is.Null);

        throttle.RecordFailure(client);
        Assert.That(throttle.RefusedFor(client), Is.Not.Null, "the refilled attempt was spent");
    }

    [Test]
    public void Clients_are_counted_apart_and_an_ipv6_client_by_its_64_bit_prefix()
    {
        var throttle = Throttle();
        throttle.RecordFailure(From("2001:db8:1:2::1"));
        throttle.RecordFailure(From("2001:db8:1:2:ffff::9"));

        Assert.That(throttle.RefusedFor(From("2001:db8:1:2::42")), Is.Not.Null, "same /64");
        Assert.That(throttle.RefusedFor(From("2001:db8:1:3::1")), Is.Null, "another /64");
        Assert.That(throttle.RefusedFor(From("198.51.100.7")), Is.Null);

        throttle.RecordFailure(From("198.51.100.8"));
        throttle.RecordFailure(From("::ffff:198.51.100.8"));
        Assert.That(throttle.RefusedFor(From("198.51.100.8")), Is.Not.Null, "an IPv4-mapped address is its IPv4 client");
    }
}
