using System.Text.Json;

namespace Runner.Domain.Integrations;

/// <summary>
/// One object a live event is about, as a resync would have fetched it (context fields included):
/// <see cref="Current"/> re-fetched now, null when it is gone; <see cref="LastKnown"/> the event's own copy,
/// which is what tells which entities a gone object had produced.
/// </summary>
public sealed record LiveObject(string Kind, JsonElement? Current, JsonElement LastKnown);
