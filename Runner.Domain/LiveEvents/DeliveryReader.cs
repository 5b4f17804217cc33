using System.Text.Json;

namespace Runner.Domain.LiveEvents;

/// <summary>
/// Checks one delivery body before it is stored: a JSON object with a known <c>eventType</c>, its publisher, a
/// <c>resource</c> object and an id; and every organization URL it carries (containers' <c>baseUrl</c>, the
/// resource's <c>url</c>) under the installation's organization.
/// </summary>
public static class DeliveryReader
{
    public sealed record Delivery(string DeliveryKey, AzureDevOpsEvents.EventType Type);

    public sealed class RejectedException(string message, bool foreign) : Exception(message)
    {
        public bool ForeignOrganization { get; } = foreign;
    }

    /// <exception cref="RejectedException">Malformed, unknown, or for another organization.</exception>
    public static Delivery Read(ReadOnlySpan<byte> body, IReadOnlyList<Uri> organizationBases)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body.ToArray(), new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException)
        {
            throw new RejectedException("The body is not valid JSON.", foreign: false);
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new RejectedException("The body must be a JSON object.", foreign: false);
            }
            var name = Text(root, "eventType") ?? throw new RejectedException("eventType: is required.", foreign: false);
            var type = AzureDevOpsEvents.Find(name) ?? throw new RejectedException($"eventType: '{Bounded(name)}' is not an event Runner subscribes to.", foreign: false);
            if (Text(root, "publisherId") != type.Publisher)
            {
                throw new RejectedException($"publisherId: must be '{type.Publisher}' for {type.Name}.", foreign: false);
            }
            if (!root.TryGetProperty("resource", out var resource) || resource.ValueKind != JsonValueKind.Object)
            {
                throw new RejectedException("resource: must be an object.", foreign: false);
            }
            var key = Key(root) ?? throw new RejectedException("id: the delivery has no id or notificationId.", foreign: false);
            var urls = OrganizationUrls(root, resource).ToList();
            if (urls.Count == 0)
            {
                throw new RejectedException("resourceContainers: the delivery names no organization.", foreign: false);
            }
            if (urls.FirstOrDefault(url => !organizationBases.Any(b => Under(url, b))) is { } foreign)
            {
                throw new RejectedException($"The delivery is for another organization ({Bounded(foreign)}).", foreign: true);
            }
            return new Delivery(key, type);
        }
    }

    private static string? Key(JsonElement root)
    {
        foreach (var property in new[] { "id", "notificationId" })
        {
            if (root.TryGetProperty(property, out var value)
                && value.ValueKind is JsonValueKind.String or JsonValueKind.Number
                && value.ToString() is { Length: > 0 and <= 100 } key)
            {
                return $"{property}:{key}";
            }
        }
        return null;
    }

    private static IEnumerable<string> OrganizationUrls(JsonElement root, JsonElement resource)
    {
        if (root.TryGetProperty("resourceContainers", out var containers) && containers.ValueKind == JsonValueKind.Object)
        {
            foreach (var container in containers.EnumerateObject())
            {
                if (container.Value.ValueKind == JsonValueKind.Object && Text(container.Value, "baseUrl") is { } baseUrl)
                {
                    yield return baseUrl;
                }
            }
        }
        if (Text(resource, "url") is { } url)
        {
            yield return url;
        }
    }

    private static bool Under(string url, Uri organization)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var parsed))
        {
            return false;
        }
        var prefix = organization.GetLeftPart(UriPartial.Path).TrimEnd('/') + "/";
        var candidate = parsed.GetLeftPart(UriPartial.Path).TrimEnd('/') + "/";
        return candidate.StartsWith(prefix, StringComparison.OrdinalIgnoreCase);
    }

    private static string? Text(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string Bounded(string text) => text.Length <= 200 ? text : text[..200] + "…";
}
