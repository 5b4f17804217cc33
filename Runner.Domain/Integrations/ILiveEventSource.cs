using System.Text.Json;

namespace Runner.Domain.Integrations;

/// <summary>A source that can turn one of its system's event deliveries into the objects it is about, re-fetched.</summary>
public interface ILiveEventSource
{
    /// <summary>Empty when the event concerns nothing Runner syncs (e.g. a tag push, an excluded project).</summary>
    Task<IReadOnlyList<LiveObject>> ResolveAsync(JsonElement delivery, CancellationToken ct);
}
