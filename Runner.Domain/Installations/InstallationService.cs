using System.Text.Json;
using Hangfire;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Runner.Domain.Catalog;
using Runner.Domain.Common;
using Runner.Domain.Egress;
using Runner.Domain.Integrations;
using Runner.Domain.LiveEvents;
using Runner.Domain.Mapping;
using Runner.Domain.Persistence;
using Runner.Domain.Resync.Runs;
using Runner.Domain.Resync.Scheduling;
using Runner.Domain.Secrets;
using Runner.Domain.Tenants;

namespace Runner.Domain.Installations;

/// <summary>The caller's tenant's installations: create, read, change, delete.</summary>
public sealed class InstallationService(
    RunnerDbContext db, SecretStore secrets, DefaultBlueprints blueprints, ResyncScheduler scheduler, RunQueue runs,
    WebhookCredentials webhookCredentials, TenantContext tenant, IBackgroundJobClient jobs, IOptions<EgressOptions> egress, TimeProvider clock)
{
    private SettingRuleContext RuleContext => new(egress.Value.AllowPrivateNetworks);

    public async Task<Installation> CreateAsync(NewInstallation input, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        var integration = IntegrationCatalog.Find(input.IntegrationType);
        if (input.IntegrationType is null)
        {
            errors.Add("integrationType", "is required");
        }
        else if (integration is null)
        {
            errors.Add("integrationType", $"must be one of {string.Join(", ", IntegrationCatalog.All.Select(i => i.Type))}");
        }
        var name = NameRules.Check(input.Name, errors);
        ApplicationSettingsRules.Check(input.ApplicationSettings, errors);
        CheckMapping(input.Mapping, integration, errors);
        if (input.IntegrationSettings is null)
        {
            errors.Add("integrationSettings", "is required");
        }
        IntegrationSettingsParser.Parsed? settings = null;
        if (integration is not null && input.IntegrationSettings is { } raw)
        {
            settings = IntegrationSettingsParser.Parse(integration, raw, partial: false, RuleContext, errors);
        }
        errors.ThrowIfAny();

        var now = clock.GetUtcNowForDatabase();
        var installation = new Installation
        {
            IntegrationType = integration!.Type,
            Name = name!,
            SettingsJson = "{}",
            MappingText = input.Mapping ?? integration.DefaultMapping,
            ResyncIntervalHours = input.ApplicationSettings?.ResyncIntervalHours ?? ApplicationSettingsSchema.DefaultResyncIntervalHours,
            SendRawDataExamples = input.ApplicationSettings?.SendRawDataExamples ?? ApplicationSettingsSchema.DefaultSendRawDataExamples,
            IncrementalSync = input.ApplicationSettings?.IncrementalSync ?? ApplicationSettingsSchema.DefaultIncrementalSync,
            FullResyncIntervalHours = input.ApplicationSettings?.FullResyncIntervalHours ?? ApplicationSettingsSchema.DefaultFullResyncIntervalHours,
            LiveEvents = input.ApplicationSettings?.LiveEvents ?? ApplicationSettingsSchema.DefaultLiveEvents,
            Status = InstallationStatus.Active,
            CreatedAt = now,
            UpdatedAt = now,
        };
        // Runner's own rows (installation, new secrets, default blueprints, the first run) commit together;
        // Hangfire's schedule and job come after, and are repaired by the Worker if they fail.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await ApplySettingsAsync(installation, settings!, ct);
        installation.WebhookCredential = await webhookCredentials.NewSealedAsync(tenant.TenantId, installation.Id, ct);
        await blueprints.AddMissingAsync(integration.DefaultBlueprints, ct);
        db.Installations.Add(installation);
        // The wizard's user expects data now, not at the first scheduled time.
        var first = runs.Add(installation.Id, ResyncTrigger.Initial);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        scheduler.Schedule(installation);
        await runs.DispatchAsync(first.Id, delay: null, ct);
        return installation;
    }

    public async Task<Page<Installation>> ListAsync(PageRequest page, CancellationToken ct)
    {
        var query = WithSecrets().AsNoTracking();
        if (page.After is { } after)
        {
            query = query.Where(i => i.Id.CompareTo(after) > 0);
        }
        return page.Cut(await query.OrderBy(i => i.Id).Take(page.Size + 1).ToListAsync(ct), i => i.Id);
    }

    public async Task<Installation> GetAsync(Guid id, CancellationToken ct) =>
        await WithSecrets().SingleOrDefaultAsync(i => i.Id == id, ct) ?? throw new NotFoundException($"Installation '{id}'");

    public async Task<Installation> UpdateAsync(Guid id, InstallationChanges changes, CancellationToken ct)
    {
        var installation = await GetAsync(id, ct);
        var errors = new ValidationErrors();
        var name = changes.Name is null ? null : NameRules.Check(changes.Name, errors, required: false);
        ApplicationSettingsRules.Check(changes.ApplicationSettings, errors);
        IntegrationSettingsParser.Parsed? settings = null;
        if (changes.IntegrationSettings is { } raw)
        {
            var integration = IntegrationCatalog.Find(installation.IntegrationType)!;
            settings = IntegrationSettingsParser.Parse(integration, raw, partial: true, RuleContext, errors);
        }
        errors.ThrowIfAny();

        installation.Name = name ?? installation.Name;
        installation.ResyncIntervalHours = changes.ApplicationSettings?.ResyncIntervalHours ?? installation.ResyncIntervalHours;
        installation.SendRawDataExamples = changes.ApplicationSettings?.SendRawDataExamples ?? installation.SendRawDataExamples;
        installation.IncrementalSync = changes.ApplicationSettings?.IncrementalSync ?? installation.IncrementalSync;
        installation.FullResyncIntervalHours = changes.ApplicationSettings?.FullResyncIntervalHours ?? installation.FullResyncIntervalHours;
        var liveEvents = changes.ApplicationSettings?.LiveEvents ?? installation.LiveEvents;
        if (liveEvents != installation.LiveEvents || settings is not null)
        {
            // The Worker's subscription check picks pending installations up within seconds.
            installation.Live.Status = LiveEventsStatus.Pending;
        }
        installation.LiveEvents = liveEvents;
        if (settings is not null)
        {
            await ApplySettingsAsync(installation, settings, ct);
            // New settings may fix what made the source reject us: give the schedule another chance.
            installation.Status = InstallationStatus.Active;
            installation.StatusReason = null;
        }
        installation.UpdatedAt = clock.GetUtcNowForDatabase();
        await db.SaveChangesAsync(ct);
        scheduler.Schedule(installation);
        return installation;
    }

    /// <summary>
    /// Deletes the installation and unschedules it; its entities go in a background job, or stay (without an
    /// installation) when <paramref name="keepEntities"/>; its service hook subscriptions go in another.
    /// </summary>
    public async Task DeleteAsync(Guid id, bool keepEntities, CancellationToken ct)
    {
        var installation = await GetAsync(id, ct);
        await using (var transaction = await db.Database.BeginTransactionAsync(ct))
        {
            if (keepEntities)
            {
                await db.Entities.Where(e => e.InstallationId == id).ExecuteUpdateAsync(s => s.SetProperty(e => e.InstallationId, (Guid?)null), ct);
            }
            db.Installations.Remove(installation);
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }
        scheduler.Unschedule(id);
        if (!keepEntities)
        {
            jobs.Enqueue<InstallationEntitiesCleanupJob>(job => job.RunAsync(installation.TenantId, id, CancellationToken.None));
        }
        if (installation.Live.CheckedAt is not null)
        {
            // A subscription check ran, so Azure DevOps may hold subscriptions calling this installation: the Worker removes them.
            var secretIds = installation.Secrets.ToDictionary(s => s.SettingName, s => s.SecretId);
            jobs.Enqueue<LiveSubscriptionRemovalJob>(job =>
                job.RunAsync(installation.TenantId, id, installation.IntegrationType, installation.SettingsJson, secretIds, CancellationToken.None));
        }
    }

    private IQueryable<Installation> WithSecrets() => db.Installations.Include(i => i.Secrets).ThenInclude(s => s.Secret);

    private static void CheckMapping(string? mapping, IntegrationDefinition? integration, ValidationErrors errors)
    {
        if (mapping is null)
        {
            return;
        }
        try
        {
            InstallationMapping.Validate(mapping, integration);
        }
        catch (MappingValidationException e)
        {
            foreach (var error in e.Errors)
            {
                errors.Add($"mapping.{error.Path}", error.Reason);
            }
        }
    }

    private async Task ApplySettingsAsync(Installation installation, IntegrationSettingsParser.Parsed settings, CancellationToken ct)
    {
        var plain = JsonNode.Parse(installation.SettingsJson)!.AsObject();
        foreach (var (name, value) in settings.Plain)
        {
            plain.Remove(name);
            if (value is { } element)
            {
                plain[name] = JsonSerializer.SerializeToNode(element);
            }
        }
        installation.SettingsJson = plain.ToJsonString();

        var errors = new ValidationErrors();
        foreach (var (name, choice) in settings.Secrets)
        {
            var field = $"integrationSettings.{name}";
            var secret = choice switch
            {
                null => null,
                NewSecret created => await secrets.AddAsync(created.Name, created.Value, $"{field}.newSecret.name", $"{field}.newSecret.value", ct),
                _ => await db.Secrets.SingleOrDefaultAsync(s => s.Name == choice.Name, ct),
            };
            if (choice is not null && secret is null)
            {
                errors.Add($"{field}.secret", $"no Port secret named '{choice.Name}' exists");
                continue;
            }
            installation.Secrets.RemoveAll(s => s.SettingName == name);
            if (secret is not null)
            {
                installation.Secrets.Add(new InstallationSecret { SettingName = name, SecretId = secret.Id, Secret = secret });
            }
        }
        errors.ThrowIfAny();
    }
}
