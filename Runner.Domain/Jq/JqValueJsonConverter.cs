using System.Text.Json;
using System.Text.Json.Serialization;

namespace Runner.Domain.Jq;

/// <summary>A jq value in System.Text.Json: written as jq prints it (API responses carry mapped entities), read in place.</summary>
public sealed class JqValueJsonConverter : JsonConverter<JqValue>
{
    public override bool HandleNull => true;

    public override JqValue Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        JqValue.FromElement(JsonElement.ParseValue(ref reader));

    public override void Write(Utf8JsonWriter writer, JqValue value, JsonSerializerOptions options) => JqJson.WriteTo(writer, value);
}
