using System.Collections.Immutable;
using Runner.Tools.AdoSandbox.Data;
using Runner.Tools.AdoSandbox.Hooks;
using Runner.Tools.AdoSandbox.Http;

namespace Runner.Tools.AdoSandbox.Api;

/// <summary>
/// Service hook subscriptions: create, list (filtered by publisher, event type, consumer and action), get,
/// replace and delete; no paging. Only the webHooks consumer's httpRequest action exists here. Confidential
/// consumer inputs come back as "********"; a replace that sends the mask keeps the stored value. With area
/// hosts, subscriptions are kept per host and release (rm) ones can only be made on the release host.
/// </summary>
internal static class HookEndpoints
{
    public sealed record SubscriptionRequest(
        string? PublisherId, string? EventType, string? ResourceVersion, string? ConsumerId, string? ConsumerActionId,
        Dictionary<string, string>? PublisherInputs, Dictionary<string, string>? ConsumerInputs);

    public static void MapHooks(this IEndpointRouteBuilder org)
    {
        var hooks = org.MapGroup("/_apis/hooks/subscriptions").WithMetadata(new AnyArea());
        hooks.MapPost("", Create);
        hooks.MapGet("", List);
        hooks.MapGet("/{subscriptionId:guid}", Get);
        hooks.MapPut("/{subscriptionId:guid}", Replace);
        hooks.MapDelete("/{subscriptionId:guid}", Delete);
    }

    private static IResult Create(HttpContext context, Org org, SubscriptionStore store, SubscriptionRequest request) =>
        Save(context, org, store, request, Guid.NewGuid(), previous: null);

    private static IResult List(HttpContext context, Org org, SubscriptionStore store, string? publisherId, string? eventType, string? consumerId, string? consumerActionId)
    {
        var area = AreaOf(context, org);
        var urls = Urls.For(context, org);
        return Json.List(store.All()
            .Where(s => s.Area == area
                && (publisherId is null || s.PublisherId == publisherId) && (eventType is null || s.EventType == eventType)
                && (consumerId is null || s.ConsumerId == consumerId) && (consumerActionId is null || s.ConsumerActionId == consumerActionId))
            .Select(s => Shape(org, urls, s)).ToList());
    }

    private static IResult Get(HttpContext context, Org org, SubscriptionStore store, Guid subscriptionId) =>
        Find(context, org, store, subscriptionId) is { } subscription ? Json.Ok(Shape(org, Urls.For(context, org), subscription)) : NotFound(subscriptionId);

    private static IResult Replace(HttpContext context, Org org, SubscriptionStore store, Guid subscriptionId, SubscriptionRequest request) =>
        Find(context, org, store, subscriptionId) is { } previous ? Save(context, org, store, request, subscriptionId, previous) : NotFound(subscriptionId);

    private static IResult Delete(HttpContext context, Org org, SubscriptionStore store, Guid subscriptionId) =>
        Find(context, org, store, subscriptionId) is not null && store.Remove(subscriptionId) ? Results.NoContent() : NotFound(subscriptionId);

    private static IResult Save(HttpContext context, Org org, SubscriptionStore store, SubscriptionRequest request, Guid id, Subscription? previous)
    {
        var area = AreaOf(context, org);
        if (Validate(request, org.Options.AreaHosts ? area : null) is { } problem)
        {
            return AdoErrors.BadRequest(problem, "ServiceHookException");
        }
        var consumerInputs = request.ConsumerInputs!.ToImmutableDictionary();
        foreach (var name in Subscription.ConfidentialInputs)
        {
            // Clients echo what they read: the mask means "unchanged".
            if (consumerInputs.GetValueOrDefault(name) == Subscription.Mask && previous?.Input(name) is { } kept)
            {
                consumerInputs = consumerInputs.SetItem(name, kept);
            }
        }
        var now = org.State.Now();
        var subscription = new Subscription(
            id, area, request.PublisherId!, request.EventType!, request.ResourceVersion, request.ConsumerId!, request.ConsumerActionId!,
            (request.PublisherInputs ?? []).ToImmutableDictionary(), consumerInputs, previous?.Status ?? "enabled",
            previous?.CreatedDate ?? now, now);
        store.Put(subscription);
        return Json.Ok(Shape(org, Urls.For(context, org), subscription));
    }

    /// <summary><paramref name="area"/> is the request's host area with area hosts on, null without.</summary>
    private static string? Validate(SubscriptionRequest request, string? area)
    {
        if (request.PublisherId is not { } publisher || !HookPublishers.Exists(publisher))
        {
            return $"VS1600001: The publisher '{request.PublisherId}' does not exist.";
        }
        if (request.EventType is not { } eventType || !HookPublishers.Offers(publisher, eventType))
        {
            return $"VS1600002: The event type '{request.EventType}' is not supported by publisher '{publisher}'.";
        }
        if (request.ConsumerId != "webHooks" || request.ConsumerActionId != "httpRequest")
        {
            return $"VS1600003: The consumer '{request.ConsumerId}' with action '{request.ConsumerActionId}' does not exist (the sandbox has webHooks/httpRequest only).";
        }
        if (request.ConsumerInputs?.GetValueOrDefault("url") is not { } url || !Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            return "VS1600004: The consumer input 'url' is required and must be an absolute http or https URL.";
        }
        if (area is not null && HookPublishers.AreaOf(publisher).Name != area)
        {
            return $"VS1600005: Subscriptions for publisher '{publisher}' are managed on its own host ({HookPublishers.AreaOf(publisher).Name}.).";
        }
        return null;
    }

    /// <summary>Without area hosts every subscription is on the one host.</summary>
    private static string AreaOf(HttpContext context, Org org) => org.Options.AreaHosts ? ApiArea.Of(context.Request).Name : "";

    private static Subscription? Find(HttpContext context, Org org, SubscriptionStore store, Guid id) =>
        store.Get(id) is { } subscription && subscription.Area == AreaOf(context, org) ? subscription : null;

    private static IResult NotFound(Guid id) =>
        AdoErrors.Result(404, $"VS1600010: The subscription {id} does not exist.", "SubscriptionNotFoundException");

    public static object Shape(Org org, Urls urls, Subscription s)
    {
        var owner = new { id = org.Id(EntityKind.Tenant, 1) };
        var url = s.ConsumerInputs.GetValueOrDefault("url");
        return new
        {
            id = s.Id,
            url = $"{urls.Base}/_apis/hooks/subscriptions/{s.Id}",
            publisherId = s.PublisherId,
            eventType = s.EventType,
            resourceVersion = s.ResourceVersion,
            eventDescription = s.PublisherInputs.GetValueOrDefault("projectId") is { } project ? $"Any {s.EventType} in project {project}" : $"Any {s.EventType}",
            consumerId = s.ConsumerId,
            consumerActionId = s.ConsumerActionId,
            actionDescription = Uri.TryCreate(url, UriKind.Absolute, out var uri) ? $"To host {uri.Host}" : "",
            createdBy = owner,
            createdDate = s.CreatedDate,
            modifiedBy = owner,
            modifiedDate = s.ModifiedDate,
            publisherInputs = s.PublisherInputs
                .SetItem("hostId", org.Id(EntityKind.Tenant, 2).ToString())
                .SetItem("tfsSubscriptionId", Deterministic.Id(org.Seed, EntityKind.Subscription, s.Id.GetHashCode() & 0x7FFF_FFFF).ToString()),
            consumerInputs = s.ConsumerInputs.ToDictionary(pair => pair.Key, pair => Subscription.ConfidentialInputs.Contains(pair.Key) ? Subscription.Mask : pair.Value),
            status = s.Status,
            probationRetries = s.Status == "onProbation" ? 1 : 0,
        };
    }
}
