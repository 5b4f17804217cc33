using System.Text.Json;
using Runner.Tools.AdoSandbox.Data;
using Runner.Tools.AdoSandbox.Http;

namespace Runner.Tools.AdoSandbox.Hooks;

/// <summary>What a control-API change answers: the events it raised and, unless <c>?wait=false</c>, the deliveries
/// with the status codes received (the control call waits for them, delays included).</summary>
internal static class ChangeResult
{
    public static async Task<IResult> DeliverAsync(HttpContext context, HookDelivery delivery, Org org, IReadOnlyList<HookEvent> events, object? changed = null)
    {
        var baseUrl = Urls.For(context, org).Base;
        var summary = events.Select(e => new { e.Id, e.EventType }).ToList();
        if (string.Equals(context.Request.Query["wait"], "false", StringComparison.OrdinalIgnoreCase))
        {
            // Out of band: the caller polls GET /_sandbox/deliveries. Not tied to the request, which ends now.
            _ = Task.Run(() => delivery.DeliverAsync(events, baseUrl, CancellationToken.None));
            return TypedResults.Accepted((string?)null, new { changed, events = summary, deliveries = Array.Empty<DeliveryRecord>() });
        }
        var deliveries = await delivery.DeliverAsync(events, baseUrl, context.RequestAborted);
        return TypedResults.Ok(new { changed, events = summary, deliveries });
    }

    /// <summary>JSON values sent to the control API, as plain CLR values where they are simple.</summary>
    public static object? Plain(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Number when value.TryGetInt64(out var n) => n,
        JsonValueKind.Number => value.GetDouble(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Null => null,
        _ => value.Clone(),
    };

    public static IResult Problem(string message) => TypedResults.BadRequest(new { message });

    public static IResult Missing(string message) => TypedResults.NotFound(new { message });
}
