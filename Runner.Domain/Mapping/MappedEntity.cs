namespace Runner.Domain.Mapping;

/// <summary>
/// One catalog entity produced from a raw object. <see cref="Team"/> is text or a list of texts;
/// <see cref="Properties"/> and <see cref="Relations"/> are JSON objects (a relation is an identifier,
/// a list of identifiers or a search query), already written as the JSON the catalog stores.
/// </summary>
public sealed record MappedEntity(
    string Blueprint,
    string Identifier,
    string? Title,
    EntityJson? Team,
    string? Icon,
    EntityJson Properties,
    EntityJson Relations);
