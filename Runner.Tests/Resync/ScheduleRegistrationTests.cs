using System.Net;
using System.Net.Http.Json;
using Hangfire;
using Microsoft.Extensions.DependencyInjection;
using Runner.Domain.Resync.Scheduling;
using Runner.Tests.Infrastructure;
using Runner.Tests.Installations;

namespace Runner.Tests.Resync;

/// <summary>The Api keeps each installation's Hangfire recurring job in step with the installation.</summary>
public sealed class ScheduleRegistrationTests : ApiTests
{
    private string? CronOf(Guid installationId)
    {
        using var connection = Factory.Services.GetRequiredService<JobStorage>().GetConnection();
        return connection.GetAllEntriesFromHash($"recurring-job:{ResyncCron.RecurringJobId(installationId)}")?.GetValueOrDefault("Cron");
    }

    [Test]
    public async Task An_installation_is_scheduled_on_creation_rescheduled_on_change_and_unscheduled_on_delete()
    {
        var tenant = await Factory.CreateTenantAsync();
        var created = await tenant.Admin.PostAsJsonAsync("/api/v1/installations", InstallationRequests.AzureDevOps()).ExpectAsync(HttpStatusCode.Created);
        var id = Guid.Parse(created["id"]!.GetValue<string>());

        Assert.That(CronOf(id), Is.EqualTo(ResyncCron.Cron(id, 1)));
        var next = created["nextResyncAt"]!.GetValue<DateTimeOffset>();
        Assert.That(next, Is.EqualTo(ResyncCron.NextAfter(ResyncCron.Cron(id, 1), DateTimeOffset.UtcNow)).Within(TimeSpan.FromMinutes(1)));
        Assert.That(next - DateTimeOffset.UtcNow, Is.LessThanOrEqualTo(TimeSpan.FromHours(1)));

        var changed = await tenant.Admin.PatchAsJsonAsync($"/api/v1/installations/{id}", new { applicationSettings = new { resyncIntervalHours = 12 } }).ExpectAsync(HttpStatusCode.OK);
        Assert.That(CronOf(id), Is.EqualTo(ResyncCron.Cron(id, 12)));
        Assert.That(changed["nextResyncAt"]!.GetValue<DateTimeOffset>(), Is.EqualTo(ResyncCron.NextAfter(ResyncCron.Cron(id, 12), DateTimeOffset.UtcNow)).Within(TimeSpan.FromMinutes(1)));

        await tenant.Admin.DeleteAsync($"/api/v1/installations/{id}").ExpectAsync(HttpStatusCode.NoContent);
        Assert.That(CronOf(id), Is.Null);
    }
}
