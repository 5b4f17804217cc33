using Runner.Domain.Resync.Scheduling;

namespace Runner.Tests.Resync;

public sealed class ResyncScheduleTests
{
    [TestCase(1, "^\\d{1,2} \\* \\* \\* \\*$")]
    [TestCase(3, "^\\d{1,2} [0-2]/3 \\* \\* \\*$")]
    [TestCase(12, "^\\d{1,2} \\d{1,2}/12 \\* \\* \\*$")]
    [TestCase(24, "^\\d{1,2} \\d{1,2} \\* \\* \\*$")]
    public void Each_interval_has_a_cron_with_a_minute_and_hour_offset(int hours, string pattern)
    {
        var cron = ResyncCron.Cron(Guid.NewGuid(), hours);
        Assert.That(cron, Does.Match(pattern));
    }

    [TestCase(1)]
    [TestCase(2)]
    [TestCase(6)]
    [TestCase(24)]
    public void Consecutive_runs_are_exactly_the_interval_apart(int hours)
    {
        var cron = ResyncCron.Cron(Guid.NewGuid(), hours);
        var first = ResyncCron.NextAfter(cron, new DateTimeOffset(2026, 11, 27, 0, 0, 0, TimeSpan.Zero))!.Value;
        var second = ResyncCron.NextAfter(cron, first)!.Value;
        Assert.That(second - first, Is.EqualTo(TimeSpan.FromHours(hours)));
        Assert.That(ResyncCron.LastDue(cron, hours, second.AddMinutes(3)), Is.EqualTo(second));
    }

    [Test]
    public void The_same_installation_always_gets_the_same_cron()
    {
        var id = Guid.NewGuid();
        var first = ResyncCron.Cron(id, 4);
        Assert.That(ResyncCron.Cron(new Guid(id.ToString()), 4), Is.EqualTo(first));
    }

    [Test]
    public void Ten_thousand_hourly_installations_start_no_more_than_one_and_a_half_times_the_average_in_any_minute()
    {
        var random = new Random(20261127);
        var perMinute = new int[60];
        for (var i = 0; i < 10_000; i++)
        {
            var bytes = new byte[16];
            random.NextBytes(bytes);
            var minute = int.Parse(ResyncCron.Cron(new Guid(bytes), 1).Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
            perMinute[minute]++;
        }
        Assert.That(perMinute.Max() / perMinute.Average(), Is.LessThanOrEqualTo(1.5));
        Assert.That(perMinute.Min(), Is.GreaterThan(0));
    }

    [Test]
    public void Catch_up_delays_fall_inside_the_window_and_differ_between_installations()
    {
        var window = TimeSpan.FromHours(1);
        var delays = Enumerable.Range(0, 100).Select(_ => ResyncCron.Spread(Guid.NewGuid(), window)).ToList();
        Assert.That(delays, Has.All.Matches<TimeSpan>(d => d >= TimeSpan.Zero && d < window));
        Assert.That(delays.Distinct().Count(), Is.GreaterThan(90));
    }
}
