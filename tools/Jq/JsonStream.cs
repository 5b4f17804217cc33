using System.Text.Json;
using Runner.Domain.Jq;

namespace Runner.Tools.Jq;

/// <summary>Reads a whitespace-separated stream of JSON values, as jq does, one value at a time.</summary>
internal static class JsonStream
{
    public static IEnumerable<JqValue> Read(byte[] data)
    {
        var options = new JsonReaderOptions { AllowMultipleValues = true, MaxDepth = 10_000 };
        var offset = 0;
        while (true)
        {
            var reader = new Utf8JsonReader(data.AsSpan(offset), options);
            if (!reader.Read())
            {
                yield break;
            }

            var element = JsonElement.ParseValue(ref reader);
            offset += (int)reader.BytesConsumed;
            yield return JqValue.FromElement(element);
        }
    }
}
