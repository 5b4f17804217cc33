using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Runner.Domain.Egress;

namespace Runner.Domain.Integrations.AzureDevOps;

/// <summary>
/// Accepts https://dev.azure.com/{org}, https://{org}.visualstudio.com and https Azure DevOps Server
/// collection URLs. Loopback and private hosts, and plain http, only when private networks are allowed.
/// </summary>
internal static partial class OrganizationUrlRule
{
    public static string? Check(JsonElement value, SettingRuleContext context)
    {
        if (!Uri.TryCreate(value.GetString(), UriKind.Absolute, out var url) || url.Scheme is not ("https" or "http"))
        {
            return "must be an absolute https URL";
        }
        if (url.Scheme == "http" && !context.AllowPrivateNetworks)
        {
            return "must use https";
        }
        if (!string.IsNullOrEmpty(url.UserInfo) || !string.IsNullOrEmpty(url.Query) || !string.IsNullOrEmpty(url.Fragment))
        {
            return "must not carry credentials, a query or a fragment";
        }
        // Checked as normalised: "127.0.0.1." and "LOCALHOST." must not pass as names that are neither.
        if (NetworkAddressPolicy.NormalizeHost(url.Host) is not { } host)
        {
            return "must have an ASCII host name (the xn-- form for an international one)";
        }
        if (!context.AllowPrivateNetworks && IsPrivateHost(host))
        {
            return "must not point at a loopback or private network address";
        }
        var path = url.AbsolutePath.TrimEnd('/');
        if (host == "dev.azure.com" && !DevAzureComPath().IsMatch(path))
        {
            return "must be https://dev.azure.com/{organization}";
        }
        if (host.EndsWith(".visualstudio.com", StringComparison.Ordinal) && path.Length > 0)
        {
            return "must be https://{organization}.visualstudio.com";
        }
        return null;
    }

    private static bool IsPrivateHost(string host) =>
        IPAddress.TryParse(host, out var literal)
            ? !NetworkAddressPolicy.IsPublic(literal)
            : NetworkAddressPolicy.IsLocalHostName(host);

    [GeneratedRegex("^/[A-Za-z0-9][A-Za-z0-9-]{0,49}$")]
    private static partial Regex DevAzureComPath();
}
