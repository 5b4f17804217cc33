using Runner.Domain.Installations;

namespace Runner.Domain.Integrations;

/// <summary>Opens the source of an installation through the connector of its integration type.</summary>
public sealed class IntegrationSources(IEnumerable<IIntegrationConnector> connectors)
{
    public Task<IIntegrationSource> OpenAsync(Installation installation, CancellationToken ct) => OpenAsync(installation, live: false, ct);

    public Task<IIntegrationSource> OpenAsync(Installation installation, bool live, CancellationToken ct) =>
        (connectors.FirstOrDefault(c => c.Type == installation.IntegrationType)
            ?? throw new InvalidOperationException($"No connector serves integration type '{installation.IntegrationType}'."))
        .OpenAsync(installation, live, ct);
}
