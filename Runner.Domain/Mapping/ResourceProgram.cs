namespace Runner.Domain.Mapping;

/// <summary>A jq expression from the mapping and the path that names it in errors.</summary>
internal sealed record MappingField(string Path, string Expression);

/// <summary>
/// The single jq program that maps one resource, and the fields it embeds (each can be compiled alone
/// to say which one is broken).
/// </summary>
internal sealed record ResourceProgram(string Text, IReadOnlyList<MappingField> Fields);
