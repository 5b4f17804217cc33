using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Runner.Domain.Integrations;
using Runner.Domain.Mapping;
using Runner.Domain.Persistence;
using Runner.Domain.Tenants;

namespace Runner.Domain.LiveEvents;

/// <summary>
/// Makes one installation's service hook subscriptions match what its mapping needs (none when <c>liveEvents</c> is off),
/// and records the outcome on the installation unless it changed meanwhile. A refusal makes live events unavailable with Azure DevOps' reason;
/// it never touches resyncs.
/// </summary>
public sealed class LiveSubscriptionSync(
    RunnerDbContext db, TenantContext tenant, IntegrationSources sources, CompiledMappings mappings, WebhookCredentials credentials,
    IOptions<LiveEventsOptions> options, TimeProvider clock)
{
    public static Uri CallbackFor(Uri publicBaseUrl, Guid installationId) => new(publicBaseUrl, $"hooks/azure-devops/{installationId}");

    public async Task SyncAsync(Guid installationId, CancellationToken ct)
    {
        if (options.Value.PublicBaseUrl is not { } publicBaseUrl)
        {
            return;
        }
        // Worker scope: no key, so the installation decides the tenant.
        var installation = await db.Installations.IgnoreQueryFilters().Include(i => i.Secrets).SingleOrDefaultAsync(i => i.Id == installationId, ct);
        if (installation is null)
        {
            return;
        }
        tenant.Set(installation.TenantId);
        if (installation.WebhookCredential is null)
        {
            // Saved before any subscription carries it, whatever happens to the outcome below.
            installation.WebhookCredential = await credentials.NewSealedAsync(installation.TenantId, installation.Id, ct);
            await db.SaveChangesAsync(ct);
        }
        var seen = installation.UpdatedAt;
        var live = installation.Live;
        try
        {
            var wanted = installation.LiveEvents
                ? AzureDevOpsEvents.For(mappings.Get(installation.MappingText).Config.Resources.Select(r => r.Kind))
                : [];
            using var source = await sources.OpenAsync(installation, live: true, ct);
            var outcome = await ((ILiveSubscriptions)source).SyncAsync(
                CallbackFor(publicBaseUrl, installation.Id), WebhookCredentials.UserName, await credentials.OpenAsync(installation, ct), wanted, ct);
            (live.Status, live.Reason, live.Subscriptions) = (outcome.Refusal, installation.LiveEvents) switch
            {
                (not null, _) => (LiveEventsStatus.Unavailable, outcome.Refusal, outcome.Subscriptions),
                (_, false) => (LiveEventsStatus.Off, null, 0),
                _ when wanted.Count == 0 => (LiveEventsStatus.Active, "The mapping has no kind that live events keep current.", 0),
                _ => (LiveEventsStatus.Active, null, outcome.Subscriptions),
            };
        }
        catch (CredentialsRefusedException)
        {
            (live.Status, live.Reason) = (LiveEventsStatus.Unavailable, "Azure DevOps refused the installation's personal access token.");
        }
        catch (MappingValidationException)
        {
            (live.Status, live.Reason) = (LiveEventsStatus.Degraded, "The mapping does not compile, so Runner cannot tell which events it needs.");
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            (live.Status, live.Reason) = (LiveEventsStatus.Degraded, $"Could not check the service hook subscriptions ({e.GetType().Name}: {e.Message}); trying again later.");
        }
        live.Reason = live.Reason is { Length: > 1000 } reason ? reason[..999] + "…" : live.Reason;
        live.CheckedAt = clock.GetUtcNowForDatabase();
        // Only if nobody changed the installation meanwhile: an outcome for the settings read above would otherwise
        // overwrite the pending state of a newer change (e.g. liveEvents turned off while its subscriptions were being
        // made) and stand until the next periodic check. Left pending, the next pass syncs the new settings.
        await db.Database.ExecuteSqlAsync($"""
            UPDATE runner.installations
            SET live_status = {live.Status.ToString()}, live_reason = {live.Reason}, live_subscriptions = {live.Subscriptions}, live_checked_at = {live.CheckedAt}
            WHERE id = {installation.Id} AND updated_at = {seen}
            """, ct);
    }
}
