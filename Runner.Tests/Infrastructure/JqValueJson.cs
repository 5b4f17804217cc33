using System.Text.Json;
using Runner.Domain.Jq;
using Runner.Domain.Mapping;

namespace Runner.Tests.Infrastructure;

/// <summary>Mapped entities carry the engine's values; tests read them as JSON.</summary>
public static class JqValueJson
{
    public static JsonElement Json(this JqValue value) => JsonElement.Parse(JqJson.Serialize(value));

    public static JsonElement Json(this EntityJson value) => JsonElement.Parse(value.ToString());
}
