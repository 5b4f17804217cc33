namespace Runner.Domain.Integrations;

/// <summary>
/// One batch of raw objects of a kind, each the UTF-8 JSON of an API object plus its context fields
/// (<c>__project</c>, <c>__repository</c>…). The items share one buffer owned by the page.
/// </summary>
public sealed record RawPage(string Kind, IReadOnlyList<ReadOnlyMemory<byte>> Items);
