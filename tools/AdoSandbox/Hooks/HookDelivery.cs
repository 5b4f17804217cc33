using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Runner.Tools.AdoSandbox.Data;
using Runner.Tools.AdoSandbox.Http;

namespace Runner.Tools.AdoSandbox.Hooks;

/// <summary>
/// Delivers events by HTTP POST to every enabled subscription of their type (and project/repository filter), with
/// the subscription's basic-auth credentials and headers, in Microsoft's payload shape. Only loopback URLs are
/// called: the sandbox never sends tenant-like data off the machine. Each subscription gets its events in order
/// (unless the out-of-order fault is on), one at a time.
/// </summary>
internal sealed class HookDelivery(SubscriptionStore store, DeliveryLog log, Org org, TimeProvider time)
{
    private static readonly HttpClient Client = new(new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false })
    {
        Timeout = TimeSpan.FromSeconds(10),
    };

    private DeliveryFaults _faults = new();

    public DeliveryFaults Faults
    {
        get => Volatile.Read(ref _faults);
        set => Volatile.Write(ref _faults, value ?? throw new ArgumentNullException(nameof(value)));
    }

    /// <summary>Delivers the events of one change; the returned records are this call's deliveries.</summary>
    public async Task<IReadOnlyList<DeliveryRecord>> DeliverAsync(IReadOnlyList<HookEvent> events, string baseUrl, CancellationToken ct)
    {
        var faults = Faults;
        var ordered = faults.OutOfOrder ? events.Reverse().ToList() : [.. events];
        if (faults.DelayMs > 0)
        {
            await Task.Delay(faults.DelayMs, ct);
        }
        var records = new List<DeliveryRecord>();
        var sends = store.All().Where(s => s.Status == "enabled").Select(async subscription =>
        {
            var mine = new List<DeliveryRecord>();
            foreach (var hookEvent in ordered.Where(e => Matches(subscription, e)))
            {
                var notification = store.NextNotification(subscription.Id);
                var body = JsonSerializer.Serialize(Payload(subscription, hookEvent, notification, baseUrl), Json.Options);
                for (var copy = 0; copy <= faults.Duplicates; copy++)
                {
                    mine.Add(await SendAsync(subscription, hookEvent, notification, body, copy, ct));
                }
            }
            return mine;
        });
        foreach (var delivered in await Task.WhenAll(sends))
        {
            records.AddRange(delivered);
        }
        return records;
    }

    private bool Matches(Subscription subscription, HookEvent hookEvent) =>
        subscription.EventType == hookEvent.EventType
        && subscription.Area == (org.Options.AreaHosts ? HookPublishers.AreaOf(hookEvent.PublisherId).Name : "")
        && (subscription.PublisherInputs.GetValueOrDefault("projectId") is not { Length: > 0 } project
            || Guid.TryParse(project, out var projectId) && projectId == hookEvent.ProjectId)
        && (subscription.PublisherInputs.GetValueOrDefault("repository") is not { Length: > 0 } repository || hookEvent.RepositoryId is null
            || Guid.TryParse(repository, out var repositoryId) && repositoryId == hookEvent.RepositoryId);

    private async Task<DeliveryRecord> SendAsync(Subscription subscription, HookEvent hookEvent, long notification, string body, int copy, CancellationToken ct)
    {
        var url = subscription.Input("url") ?? "";
        DeliveryRecord Record(int? status, string? error) =>
            new(time.GetUtcNow(), subscription.Id, hookEvent.Id, notification, hookEvent.EventType, url, copy, status, error);
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || !IsLoopback(uri))
        {
            return Logged(Record(null, "not delivered: the sandbox delivers only to loopback URLs"));
        }
        using var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        var user = subscription.Input("basicAuthUsername") ?? "";
        var password = subscription.Input("basicAuthPassword") ?? "";
        if (user.Length > 0 || password.Length > 0)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));
        }
        foreach (var line in (subscription.Input("httpHeaders") ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0)
            {
                request.Headers.TryAddWithoutValidation(line[..colon].Trim(), line[(colon + 1)..].Trim());
            }
        }
        try
        {
            using var response = await Client.SendAsync(request, ct);
            return Logged(Record((int)response.StatusCode, null));
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            return Logged(Record(null, ex.Message));
        }
    }

    private DeliveryRecord Logged(DeliveryRecord record)
    {
        log.Add(record);
        return record;
    }

    private static bool IsLoopback(Uri uri) =>
        uri.IsLoopback || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));

    /// <summary>Microsoft's delivery body: subscription and notification ids, the event, messages, the resource and
    /// the containers (with base URLs, so a receiver can check the organization).</summary>
    private object Payload(Subscription subscription, HookEvent hookEvent, long notification, string baseUrl)
    {
        var orgUrl = baseUrl.TrimEnd('/') + "/";
        var message = new { text = hookEvent.Message, html = WebUtility.HtmlEncode(hookEvent.Message), markdown = hookEvent.Message };
        return new
        {
            subscriptionId = subscription.Id,
            notificationId = notification,
            id = hookEvent.Id,
            eventType = hookEvent.EventType,
            publisherId = hookEvent.PublisherId,
            message,
            detailedMessage = message,
            resource = subscription.Input("resourceDetailsToSend") == "none" ? null : hookEvent.Resource,
            resourceVersion = subscription.ResourceVersion ?? "1.0",
            resourceContainers = new
            {
                collection = new { id = org.Id(EntityKind.Tenant, 2), baseUrl = orgUrl },
                account = new { id = org.Id(EntityKind.Tenant, 0), baseUrl = orgUrl },
                project = new { id = hookEvent.ProjectId, baseUrl = orgUrl },
            },
            createdDate = hookEvent.CreatedDate,
        };
    }
}
