using System.Text.Json;

namespace Runner.Domain.Mapping;

/// <summary>
/// One catalog entity produced from a raw object. <see cref="Team"/> is text or a list of texts;
/// <see cref="Properties"/> and <see cref="Relations"/> are JSON objects (a relation is an identifier,
/// a list of identifiers or a search query).
/// </summary>
public sealed record MappedEntity(
    string Blueprint,
    string Identifier,
    string? Title,
    JsonElement? Team,
    string? Icon,
    JsonElement Properties,
    JsonElement Relations);
