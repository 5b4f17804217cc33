using Runner.Domain.Installations;
using Runner.Domain.Integrations;
using Runner.Domain.LiveEvents;
using Runner.Domain.Persistence;

namespace Runner.Domain.Mapping;

/// <summary>An installation's Port app config: saved only when it parses and every jq expression compiles.</summary>
public sealed class InstallationMapping(RunnerDbContext db, InstallationService installations, TimeProvider clock)
{
    public async Task<string> GetAsync(Guid installationId, CancellationToken ct) =>
        (await installations.GetAsync(installationId, ct)).MappingText;

    /// <exception cref="MappingValidationException">The text is not a valid mapping; nothing is saved.</exception>
    public async Task SaveAsync(Guid installationId, string text, CancellationToken ct)
    {
        var installation = await installations.GetAsync(installationId, ct);
        Validate(text, IntegrationCatalog.Find(installation.IntegrationType));
        installation.MappingText = text;
        // The kinds decide which events are subscribed: the Worker's subscription check picks pending ones up within seconds.
        installation.Live.Status = LiveEventsStatus.Pending;
        installation.UpdatedAt = clock.GetUtcNowForDatabase();
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Parses (YAML, of which JSON is a subset), checks kinds and selector options, and compiles every resource once.</summary>
    public static PortAppConfig Validate(string text, IntegrationDefinition? integration)
    {
        var config = PortAppConfigParser.ParseYaml(text);
        if (integration is not null)
        {
            MappingKinds.Check(config, integration);
        }
        PortAppConfigCompiler.Compile(config);
        return config;
    }
}
