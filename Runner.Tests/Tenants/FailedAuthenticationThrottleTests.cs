using System.Net;
using Runner.Tests.Infrastructure;

namespace Runner.Tests.Tenants;

/// <summary>A flood of wrong API keys from one client is refused cheaply with 429; valid traffic is never counted.</summary>
public sealed class FailedAuthenticationThrottleTests : ApiTests
{
    private const int Burst = 3;

    protected override RunnerApiFactory CreateFactory() => new(settings: new Dictionary<string, string?>
    {
        ["Runner:Auth:FailedAttempts:Burst"] = Burst.ToString(System.Globalization.CultureInfo.InvariantCulture),
        // Long enough that no attempt comes back during the test.
        ["Runner:Auth:FailedAttempts:ReplenishPeriod"] = "00:10:00",
    });

    [Test]
    public async Task Wrong_keys_beyond_the_burst_are_429_with_retry_after_and_then_every_key_is_refused()
    {
        var tenant = await Factory.CreateTenantAsync();
        for (var i = 0; i < 10; i++)
        {
            await tenant.Admin.GetAsync("/api/v1/installations").ExpectAsync(HttpStatusCode.OK);
        }

        using var guesser = Factory.CreateClient("rk_wrong-key-but-long-enough-to-look-like-one");
        for (var i = 0; i < Burst; i++)
        {
            await guesser.GetAsync("/api/v1/installations").ExpectProblemAsync(HttpStatusCode.Unauthorized);
        }
        var refused = await guesser.GetAsync("/api/v1/installations");
        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.TooManyRequests));
        Assert.That(refused.Headers.RetryAfter?.Delta, Is.GreaterThan(TimeSpan.Zero));
        await Task.FromResult(refused).ExpectProblemAsync(HttpStatusCode.TooManyRequests);

        // The same client is refused before its key is looked at, a valid key included.
        await tenant.Admin.GetAsync("/api/v1/installations").ExpectProblemAsync(HttpStatusCode.TooManyRequests);
    }
}
