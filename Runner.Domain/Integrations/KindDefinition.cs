namespace Runner.Domain.Integrations;

/// <summary>
/// A kind an integration syncs: the selector options it reads besides <c>query</c> (anything else is refused when a
/// mapping is saved), whether a scheduled run can fetch only what changed since the last one (incremental), and
/// whether live events keep it current between resyncs (live).
/// </summary>
public sealed record KindDefinition(string Kind, bool Incremental, bool Live, IReadOnlyList<string> SelectorOptions);
