namespace Runner.Domain.Integrations;

/// <summary>A kind could not be fetched completely: its data would be wrong, so its stale entities must be kept.</summary>
public abstract class KindIncompleteException(string kind, string message, Exception? inner) : Exception(message, inner)
{
    public string Kind { get; } = kind;
}
