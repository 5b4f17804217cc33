using System.Text;
using System.Text.Json.Serialization;

namespace Runner.Domain.Mapping;

/// <summary>
/// One of an entity's JSON columns as UTF-8 in jq's compact layout, written once when the object is mapped: the
/// catalog's COPY sends these bytes unchanged, and nothing of the parsed raw object outlives its mapping.
/// </summary>
[JsonConverter(typeof(EntityJsonConverter))]
public readonly struct EntityJson(ReadOnlyMemory<byte> utf8)
{
    public ReadOnlyMemory<byte> Utf8 { get; } = utf8;

    public override string ToString() => Encoding.UTF8.GetString(Utf8.Span);
}
