using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Runner.Domain.LiveEvents;

namespace Runner.Tests.LiveEvents;

public sealed class IntakeRateLimiterTests
{
    [Test]
    public void An_installation_gets_its_rate_per_second_and_a_burst_beyond_it_is_refused_without_touching_others()
    {
        var clock = new FakeTimeProvider();
        var limiter = new IntakeRateLimiter(Options.Create(new LiveEventsOptions { DeliveriesPerSecond = 50 }), clock);
        var busy = Guid.NewGuid();

        var admitted = Enumerable.Range(0, 80).Count(_ => limiter.TryAcquire(busy));

        Assert.That(admitted, Is.EqualTo(50));
        Assert.That(limiter.TryAcquire(Guid.NewGuid()), Is.True, "another installation has its own bucket");
        clock.Advance(TimeSpan.FromMilliseconds(100));
        Assert.That(Enumerable.Range(0, 10).Count(_ => limiter.TryAcquire(busy)), Is.EqualTo(5), "tokens come back at the rate");
        clock.Advance(TimeSpan.FromMinutes(1));
        Assert.That(Enumerable.Range(0, 80).Count(_ => limiter.TryAcquire(busy)), Is.EqualTo(50), "never more than one second's worth");
    }
}
