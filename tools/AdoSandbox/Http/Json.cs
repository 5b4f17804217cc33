using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Runner.Tools.AdoSandbox.Http;

internal static class Json
{
    /// <summary>Property names are written exactly as ADO spells them (camelCase, <c>_links</c>, <c>System.Id</c>),
    /// so no naming policy; absent values are omitted, as ADO omits e.g. <c>defaultBranch</c> of empty repos.</summary>
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = null,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        // ADO writes quotes and apostrophes in messages literally, not as \u0027.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static IResult Ok(object body) => Results.Json(body, Options);

    /// <summary>The <c>{"count","value"}</c> wrapper every ADO list uses; count is the size of this page.</summary>
    public static IResult List<T>(IReadOnlyCollection<T> items) => Results.Json(new { count = items.Count, value = items }, Options);
}
