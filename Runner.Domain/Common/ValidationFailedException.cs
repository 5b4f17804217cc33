namespace Runner.Domain.Common;

/// <summary>Input broke one or more rules; each error names the field (JSON path) and the reason.</summary>
public sealed class ValidationFailedException(IReadOnlyDictionary<string, string[]> errors)
    : Exception("One or more fields are invalid.")
{
    public IReadOnlyDictionary<string, string[]> Errors { get; } = errors;
}
