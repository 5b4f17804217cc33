namespace Runner.Domain.Mapping;

/// <summary>One problem in a mapping, located by its path (e.g. <c>resources[2].port.entity.mappings.properties.url</c>).</summary>
public sealed record MappingValidationError(string Path, string Reason)
{
    public override string ToString() => $"{Path}: {Reason}";
}

/// <summary>A mapping was rejected; <see cref="Errors"/> lists every problem found, not just the first.</summary>
public sealed class MappingValidationException(IReadOnlyList<MappingValidationError> errors)
    : Exception("The mapping is invalid:\n" + string.Join("\n", errors))
{
    public IReadOnlyList<MappingValidationError> Errors { get; } = errors;
}
