using System.Text.Json;

namespace Runner.Domain.Resync.Runs;

internal static class ResyncJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);
}
