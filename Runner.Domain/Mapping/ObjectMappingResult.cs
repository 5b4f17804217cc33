namespace Runner.Domain.Mapping;

/// <summary>
/// The outcome of mapping one raw object: whether the selector kept it (for itemsToParse: kept at least
/// one item), the entities it produced, or the error that made it unusable.
/// </summary>
public sealed record ObjectMappingResult(bool Selected, IReadOnlyList<MappedEntity> Entities, string? Error)
{
    public bool IsSuccess => Error is null;

    public static ObjectMappingResult Failed(string error) => new(false, [], error);
}
