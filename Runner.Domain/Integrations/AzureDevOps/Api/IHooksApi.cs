using Refit;

namespace Runner.Domain.Integrations.AzureDevOps.Api;

/// <summary>Service hook subscriptions (on the core host; release events' on the release host).</summary>
internal interface IHooksApi
{
    [Get("/_apis/hooks/subscriptions?api-version=7.1&consumerId=webHooks")]
    Task<HttpResponseMessage> ListSubscriptions(CancellationToken ct);

    [Post("/_apis/hooks/subscriptions?api-version=7.1")]
    Task<HttpResponseMessage> CreateSubscription([Body] HookSubscriptionRequest subscription, CancellationToken ct);

    [Delete("/_apis/hooks/subscriptions/{subscriptionId}?api-version=7.1")]
    Task<HttpResponseMessage> DeleteSubscription(string subscriptionId, CancellationToken ct);
}

internal sealed record HookSubscriptionRequest(
    string PublisherId, string EventType, string ResourceVersion, string ConsumerId, string ConsumerActionId,
    IReadOnlyDictionary<string, string> PublisherInputs, IReadOnlyDictionary<string, string> ConsumerInputs)
{
    // A record would print the basic-auth password.
    public override string ToString() => $"HookSubscriptionRequest {{ {PublisherId}/{EventType} }}";
}
