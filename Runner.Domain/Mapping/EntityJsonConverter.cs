using System.Text.Json;
using System.Text.Json.Serialization;

namespace Runner.Domain.Mapping;

/// <summary>An entity's JSON column in API responses (the mapping tester's): the column's text, as it is stored.</summary>
public sealed class EntityJsonConverter : JsonConverter<EntityJson>
{
    public override EntityJson Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        using var document = JsonDocument.ParseValue(ref reader);
        return new EntityJson(JsonSerializer.SerializeToUtf8Bytes(document.RootElement));
    }

    public override void Write(Utf8JsonWriter writer, EntityJson value, JsonSerializerOptions options) =>
        writer.WriteRawValue(value.Utf8.Span, skipInputValidation: true);
}
