using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Runner.Domain.Installations;
using Runner.Domain.Integrations.AzureDevOps;
using Runner.Domain.Persistence;
using Runner.Domain.Tenants;

namespace Runner.Domain.LiveEvents;

/// <summary>
/// Takes one service hook delivery: authenticate (constant time, the same answer for an unknown installation),
/// rate-limit per installation, check the body and its organization, and write it to the inbox before answering.
/// Nothing is stored for a delivery that is refused; refusals of a known installation are counted on it. An accepted
/// one is counted by the Worker when it finishes it (see <see cref="InboxBacklog"/>).
/// </summary>
public sealed class EventIntake(
    RunnerDbContext db, TenantContext tenant, WebhookCredentials credentials, IntakeRateLimiter limiter, NpgsqlDataSource dataSource)
{
    public const string Channel = "runner_live_events";

    public enum Verdict { Accepted, Duplicate, Ignored, Unauthorized, RateLimited, Malformed, ForeignOrganization }

    public sealed record Outcome(Verdict Verdict, string? Detail = null);

    /// <summary>First half: who is calling. Returns the installation when the credentials match, else null.</summary>
    public async Task<Installation?> AuthenticateAsync(string installationId, string? authorization, CancellationToken ct)
    {
        Installation? installation = null;
        if (Guid.TryParse(installationId, out var id))
        {
            // No key, so no tenant yet: the installation id and its credential decide which tenant this is.
            installation = await db.Installations.IgnoreQueryFilters().AsNoTracking().SingleOrDefaultAsync(i => i.Id == id, ct);
        }
        if (installation is null)
        {
            WebhookCredentials.Matches(null, authorization);
            return null;
        }
        tenant.Set(installation.TenantId);
        if (await credentials.VerifyAsync(installation, authorization, ct))
        {
            return installation;
        }
        await CountRejectedAsync(installation.Id, ct);
        return null;
    }

    public bool TryAdmit(Installation installation) => limiter.TryAcquire(installation.Id);

    /// <summary>Second half, for an authenticated and admitted delivery: check it and put it in the inbox.</summary>
    public async Task<Outcome> AcceptAsync(Installation installation, ReadOnlyMemory<byte> body, CancellationToken ct)
    {
        if (!installation.LiveEvents)
        {
            return new Outcome(Verdict.Ignored, "Live events are off for this installation.");
        }
        DeliveryReader.Delivery delivery;
        try
        {
            delivery = DeliveryReader.Read(body.Span, OrganizationBases(installation));
        }
        catch (DeliveryReader.RejectedException e)
        {
            await CountRejectedAsync(installation.Id, ct);
            return new Outcome(e.ForeignOrganization ? Verdict.ForeignOrganization : Verdict.Malformed, e.Message);
        }
        return await StoreAsync(installation, delivery, Encoding.UTF8.GetString(body.Span), ct)
            ? new Outcome(Verdict.Accepted)
            : new Outcome(Verdict.Duplicate, "This delivery was received before; it is applied once.");
    }

    public Task CountRejectedAsync(Guid installationId, CancellationToken ct) =>
        db.Database.ExecuteSqlAsync($"UPDATE runner.installations SET live_rejected = live_rejected + 1 WHERE id = {installationId}", ct);

    private async Task<bool> StoreAsync(Installation installation, DeliveryReader.Delivery delivery, string body, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var insert = new NpgsqlCommand(LiveEventsSql.Insert, connection);
        insert.Parameters.AddWithValue(installation.TenantId);
        insert.Parameters.AddWithValue(installation.Id);
        insert.Parameters.AddWithValue(delivery.DeliveryKey);
        insert.Parameters.AddWithValue(delivery.Type.Name);
        insert.Parameters.AddWithValue(NpgsqlTypes.NpgsqlDbType.Jsonb, body);
        var stored = await insert.ExecuteScalarAsync(ct) is not null;
        if (stored)
        {
            // Stored is enough to answer 2xx: should the notification be lost, the Worker's poll finds the row.
            await using var notify = new NpgsqlCommand(LiveEventsSql.Notify, connection);
            notify.Parameters.AddWithValue(Channel);
            notify.Parameters.AddWithValue(installation.Id);
            await notify.ExecuteNonQueryAsync(ct);
        }
        return stored;
    }

    private static IReadOnlyList<Uri> OrganizationBases(Installation installation)
    {
        using var settings = JsonDocument.Parse(installation.SettingsJson);
        var organization = new Uri(settings.RootElement.GetProperty(AzureDevOpsIntegration.OrganizationUrlSetting).GetString()!);
        var hosts = AzureDevOpsHosts.For(organization);
        return [hosts.Core, hosts.Release, hosts.Graph, hosts.Entitlements];
    }
}
