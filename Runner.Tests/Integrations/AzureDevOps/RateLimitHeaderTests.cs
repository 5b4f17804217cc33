using System.Globalization;
using System.Net;
using Microsoft.Extensions.Time.Testing;
using Runner.Domain.Integrations.AzureDevOps;
using Runner.Domain.Integrations.AzureDevOps.Http;

namespace Runner.Tests.Integrations.AzureDevOps;

/// <summary>How long the organization pauses for a response's rate-limit headers (the organization's server is the tenant's to choose).</summary>
public sealed class RateLimitHeaderTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 2, 3, 0, 0, TimeSpan.Zero));

    private async Task<TimeSpan> PauseAfterAsync(params (string Name, string Value)[] headers)
    {
        var throttle = new OrganizationThrottle(_time, new AzureDevOpsOptions { MaxRetryDelay = TimeSpan.FromSeconds(60) });
        using var response = new HttpResponseMessage(HttpStatusCode.OK);
        foreach (var (name, value) in headers)
        {
            response.Headers.TryAddWithoutValidation(name, value);
        }
        await throttle.ObserveAsync(response, CancellationToken.None);
        return throttle.TimeToResume();
    }

    private string InSeconds(int seconds) => (_time.GetUtcNow().ToUnixTimeSeconds() + seconds).ToString(CultureInfo.InvariantCulture);

    [Test]
    public async Task Nothing_remaining_pauses_until_the_reset()
    {
        var pause = await PauseAfterAsync(("X-RateLimit-Limit", "200"), ("X-RateLimit-Remaining", "0"), ("X-RateLimit-Reset", InSeconds(7)));

        Assert.That(pause, Is.EqualTo(TimeSpan.FromSeconds(7)));
    }

    [Test]
    public async Task Little_remaining_spaces_requests_out_but_never_past_the_reset()
    {
        var spaced = await PauseAfterAsync(("X-RateLimit-Limit", "200"), ("X-RateLimit-Remaining", "10"), ("X-RateLimit-Reset", InSeconds(60)));
        var resetSoon = await PauseAfterAsync(("X-RateLimit-Limit", "200"), ("X-RateLimit-Remaining", "1"), ("X-RateLimit-Reset", InSeconds(1)));

        Assert.That(spaced, Is.EqualTo(TimeSpan.FromSeconds(1)), "half the low share left: half of LowRemainingPause");
        Assert.That(resetSoon, Is.EqualTo(TimeSpan.FromSeconds(1)));
    }

    [Test]
    public async Task Absurd_headers_pause_at_most_five_minutes_and_never_throw()
    {
        var farRetry = await PauseAfterAsync(("Retry-After", int.MaxValue.ToString(CultureInfo.InvariantCulture)));
        var farReset = await PauseAfterAsync(("X-RateLimit-Limit", "200"), ("X-RateLimit-Remaining", "0"), ("X-RateLimit-Reset", "1e300"));
        var notANumber = await PauseAfterAsync(("X-RateLimit-Delay", "NaN"), ("X-RateLimit-Remaining", "-Infinity"), ("X-RateLimit-Limit", "200"));

        Assert.Multiple(() =>
        {
            Assert.That(farRetry, Is.EqualTo(TimeSpan.FromMinutes(5)));
            Assert.That(farReset, Is.EqualTo(TimeSpan.FromSeconds(60)), "at most MaxRetryDelay for a reset");
            Assert.That(notANumber, Is.EqualTo(TimeSpan.Zero));
        });
    }
}
