using System.Net;
using System.Text.Json;
using Runner.Domain.Integrations.AzureDevOps.Api;
using Runner.Domain.Integrations.AzureDevOps.Fetching;
using Runner.Domain.LiveEvents;

namespace Runner.Domain.Integrations.AzureDevOps.Events;

/// <summary>
/// Makes the organization's service hook subscriptions for one callback URL match the wanted event types: found by
/// consumer URL on the host that keeps them (release events on the release host), so repeated setup never
/// duplicates; not-enabled ones deleted and created again; unwanted ones removed.
/// </summary>
internal static class HookSubscriptions
{
    public static async Task<SubscriptionsOutcome> SyncAsync(FetchScope scope, Uri callback, string userName, string password,
        IReadOnlyList<AzureDevOpsEvents.EventType> wanted, CancellationToken ct)
    {
        int kept = 0, created = 0, removed = 0;
        foreach (var (api, publishers) in new[] { (scope.Apis.Hooks, new[] { "tfs", "pipelines" }), (scope.Apis.ReleaseHooks, new[] { "rm" }) })
        {
            var mine = await ListAsync(scope, api, callback, publishers, ct);
            if (mine is null)
            {
                return new SubscriptionsOutcome(0, created, removed, RefusalOf(scope.LastRefusal));
            }
            foreach (var type in wanted.Where(w => publishers.Contains(w.Publisher)))
            {
                var matching = mine.Where(s => s.EventType == type.Name && s.Publisher == type.Publisher).ToList();
                var keep = matching.FirstOrDefault(s => s.Enabled);
                foreach (var extra in matching.Where(s => s != keep))
                {
                    removed += await DeleteAsync(scope, api, extra.Id, ct) ? 1 : 0;
                }
                if (keep is not null)
                {
                    kept++;
                    continue;
                }
                var refusal = await CreateAsync(scope, api, callback, userName, password, type, ct);
                if (refusal is not null)
                {
                    return new SubscriptionsOutcome(kept + created, created, removed, refusal);
                }
                created++;
            }
            foreach (var unwanted in mine.Where(s => !wanted.Any(w => w.Name == s.EventType && w.Publisher == s.Publisher)))
            {
                removed += await DeleteAsync(scope, api, unwanted.Id, ct) ? 1 : 0;
            }
        }
        return new SubscriptionsOutcome(kept + created, created, removed, null);
    }

    private sealed record Existing(string Id, string Publisher, string EventType, bool Enabled);

    private static async Task<List<Existing>?> ListAsync(FetchScope scope, IHooksApi api, Uri callback, string[] publishers, CancellationToken ct)
    {
        using var response = await scope.SendAsync(api.ListSubscriptions(ct));
        if (await RefusedAsync(scope, response, ct))
        {
            return null;
        }
        using var list = await scope.ParseAsync(response, ct);
        if (list is null)
        {
            return [];
        }
        return scope.Values(list)
            .Where(s => Text(s, "consumerInputs", "url") is { } url && string.Equals(url, callback.ToString(), StringComparison.OrdinalIgnoreCase)
                && publishers.Contains(Text(s, "publisherId")))
            .Select(s => new Existing(Text(s, "id")!, Text(s, "publisherId")!, Text(s, "eventType") ?? "", Text(s, "status") == "enabled"))
            .ToList();
    }

    private static async Task<string?> CreateAsync(FetchScope scope, IHooksApi api, Uri callback, string userName, string password,
        AzureDevOpsEvents.EventType type, CancellationToken ct)
    {
        var request = new HookSubscriptionRequest(type.Publisher, type.Name, type.ResourceVersion, "webHooks", "httpRequest",
            new Dictionary<string, string>(),
            new Dictionary<string, string>
            {
                ["url"] = callback.ToString(),
                ["basicAuthUsername"] = userName,
                ["basicAuthPassword"] = password,
                ["resourceDetailsToSend"] = "all",
                ["messagesToSend"] = "none",
                ["detailedMessagesToSend"] = "none",
            });
        using var response = await scope.SendAsync(api.CreateSubscription(request, ct));
        if (await RefusedAsync(scope, response, ct))
        {
            return RefusalOf(scope.LastRefusal);
        }
        if (!response.IsSuccessStatusCode)
        {
            return $"Azure DevOps answered HTTP {(int)response.StatusCode} to creating the {type.Name} subscription: {await MessageAsync(response, ct)}";
        }
        return null;
    }

    private static async Task<bool> DeleteAsync(FetchScope scope, IHooksApi api, string id, CancellationToken ct)
    {
        using var response = await scope.SendAsync(api.DeleteSubscription(id, ct));
        return response.IsSuccessStatusCode || response.StatusCode == HttpStatusCode.NotFound;
    }

    // 401 is the PAT itself (thrown by the handler); 403 is a PAT without the service hooks scope.
    private static async Task<bool> RefusedAsync(FetchScope scope, HttpResponseMessage response, CancellationToken ct)
    {
        if (response.StatusCode != HttpStatusCode.Forbidden)
        {
            return false;
        }
        scope.LastRefusal = await MessageAsync(response, ct);
        return true;
    }

    private static string RefusalOf(string? message) =>
        $"Azure DevOps refused to manage service hooks (the token needs the Service Hooks read & write scope): {message ?? "HTTP 403"}";

    private static async Task<string> MessageAsync(HttpResponseMessage response, CancellationToken ct)
    {
        try
        {
            using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
            var message = Text(body.RootElement, "message") ?? $"HTTP {(int)response.StatusCode}";
            return message.Length <= 500 ? message : message[..500];
        }
        catch (JsonException)
        {
            return $"HTTP {(int)response.StatusCode}";
        }
    }

    private static string? Text(JsonElement element, params string[] path)
    {
        foreach (var name in path)
        {
            if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out element))
            {
                return null;
            }
        }
        return element.ValueKind == JsonValueKind.String ? element.GetString() : null;
    }
}
