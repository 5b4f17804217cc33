using Runner.Domain.Installations;

namespace Runner.Domain.Integrations;

/// <summary>What an integration implements so Runner can resync it: open a source for an installation, reading its own settings and secrets.</summary>
public interface IIntegrationConnector
{
    /// <summary>The <see cref="IntegrationDefinition.Type"/> it serves.</summary>
    string Type { get; }

    /// <param name="live">For live events: the source also implements <see cref="ILiveEventSource"/>, and its requests go first.</param>
    Task<IIntegrationSource> OpenAsync(Installation installation, bool live, CancellationToken ct);
}
