using System.Net;

namespace Runner.Domain.Egress;

/// <summary>The static source addresses outbound calls to tenants' systems leave from.</summary>
public sealed class EgressOptions
{
    public const string SectionName = "Runner:Egress";

    /// <summary>The pool tenants allowlist. Empty: the operating system chooses the source address.</summary>
    public List<string> Addresses { get; set; } = [];

    /// <summary>Lets tenants' URLs point at loopback/private hosts over http. Development and tests only.</summary>
    public bool AllowPrivateNetworks { get; set; }

    internal static bool IsValidAddress(string value) => IPAddress.TryParse(value, out _);
}
