using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Runner.Domain.Catalog;
using Runner.Domain.Common;
using Runner.Domain.Egress;
using Runner.Domain.Integrations;
using Runner.Domain.Mapping;
using Runner.Domain.Persistence;
using Runner.Domain.Resync.Runs;
using Runner.Domain.Resync.Scheduling;
using Runner.Domain.Secrets;

namespace Runner.Domain.Installations;

/// <summary>The caller's tenant's installations: create, read, change, delete.</summary>
public sealed class InstallationService(
    RunnerDbContext db, SecretStore secrets, DefaultBlueprints blueprints, ResyncScheduler scheduler, RunQueue runs,
    IOptions<EgressOptions> egress, TimeProvider clock)
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
        CheckMapping(input.Mapping, errors);
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
            Status = InstallationStatus.Active,
            CreatedAt = now,
            UpdatedAt = now,
        };
        // Runner's own rows (installation, new secrets, default blueprints, the first run) commit together;
        // Hangfire's schedule and job come after, and are repaired by the Worker if they fail.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await ApplySettingsAsync(installation, settings!, ct);
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

    public async Task DeleteAsync(Guid id, CancellationToken ct)
    {
        var installation = await GetAsync(id, ct);
        db.Installations.Remove(installation);
        await db.SaveChangesAsync(ct);
        scheduler.Unschedule(id);
    }

    private IQueryable<Installation> WithSecrets() => db.Installations.Include(i => i.Secrets).ThenInclude(s => s.Secret);

    private static void CheckMapping(string? mapping, ValidationErrors errors)
    {
        if (mapping is null)
        {
            return;
        }
        try
        {
            InstallationMapping.Validate(mapping);
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
