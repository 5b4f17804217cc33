namespace Runner.Domain.Integrations.AzureDevOps;

/// <summary>
/// Base URLs per API area. Azure DevOps Services serves release, graph and entitlements from sub-domains
/// (vsrm, vssps, vsaex); Azure DevOps Server and the sandbox serve every area from the collection URL.
/// </summary>
public sealed record AzureDevOpsHosts(Uri Core, Uri Release, Uri Graph, Uri Entitlements)
{
    private const string Cloud = "dev.azure.com";
    private const string LegacyCloudSuffix = ".visualstudio.com";

    public static AzureDevOpsHosts For(Uri organizationUrl)
    {
        var core = new Uri(organizationUrl.GetLeftPart(UriPartial.Path).TrimEnd('/'));
        return new AzureDevOpsHosts(core, Area(core, "vsrm"), Area(core, "vssps"), Area(core, "vsaex"));
    }

    private static Uri Area(Uri core, string area)
    {
        var host = core.Host;
        if (host.Equals(Cloud, StringComparison.OrdinalIgnoreCase))
        {
            return WithHost(core, $"{area}.{Cloud}");
        }
        if (host.EndsWith(LegacyCloudSuffix, StringComparison.OrdinalIgnoreCase))
        {
            return WithHost(core, $"{host[..^LegacyCloudSuffix.Length]}.{area}{LegacyCloudSuffix}");
        }
        return core;
    }

    private static Uri WithHost(Uri url, string host) => new UriBuilder(url) { Host = host }.Uri;
}
