namespace Runner.Domain.Common;

/// <summary>The request conflicts with the current state; <see cref="Details"/> go into the problem response.</summary>
public sealed class ConflictException(string message, IReadOnlyDictionary<string, object?>? details = null) : Exception(message)
{
    public IReadOnlyDictionary<string, object?> Details { get; } = details ?? new Dictionary<string, object?>();
}
