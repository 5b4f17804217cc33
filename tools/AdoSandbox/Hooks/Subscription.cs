using System.Collections.Immutable;

namespace Runner.Tools.AdoSandbox.Hooks;

/// <summary>A service hook subscription as stored: consumer inputs in clear (they are masked only in responses).</summary>
internal sealed record Subscription(
    Guid Id,
    string Area,
    string PublisherId,
    string EventType,
    string? ResourceVersion,
    string ConsumerId,
    string ConsumerActionId,
    ImmutableDictionary<string, string> PublisherInputs,
    ImmutableDictionary<string, string> ConsumerInputs,
    string Status,
    DateTime CreatedDate,
    DateTime ModifiedDate)
{
    /// <summary>Inputs the webHooks consumer marks confidential; the service answers them as "********".</summary>
    public static readonly IReadOnlySet<string> ConfidentialInputs = new HashSet<string>(StringComparer.Ordinal) { "basicAuthPassword" };

    public const string Mask = "********";

    public string? Input(string name) => ConsumerInputs.GetValueOrDefault(name);
}
