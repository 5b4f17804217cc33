namespace Runner.Domain.Common;

/// <summary>The object does not exist for the caller's tenant (another tenant's object included).</summary>
public sealed class NotFoundException(string what) : Exception($"{what} was not found.");

/// <summary>The request conflicts with the current state; <see cref="Details"/> go into the problem response.</summary>
public sealed class ConflictException(string message, IReadOnlyDictionary<string, object?>? details = null) : Exception(message)
{
    public IReadOnlyDictionary<string, object?> Details { get; } = details ?? new Dictionary<string, object?>();
}

/// <summary>Input broke one or more rules; each error names the field (JSON path) and the reason.</summary>
public sealed class ValidationFailedException(IReadOnlyDictionary<string, string[]> errors)
    : Exception("One or more fields are invalid.")
{
    public IReadOnlyDictionary<string, string[]> Errors { get; } = errors;
}
