namespace Runner.Domain.Integrations.AzureDevOps;

/// <summary>
/// Base URLs per API area as the cloud names them: Azure DevOps Services serves release, graph, entitlements and
/// Advanced Security from sub-domains (vsrm, vssps, vsaex, advsec); Azure DevOps Server serves every area from the
/// collection URL. A session uses these only where the organization's <c>_apis/resourceAreas</c> does not say.
/// </summary>
public sealed record AzureDevOpsHosts(Uri Core, Uri Release, Uri Graph, Uri Entitlements, Uri AdvancedSecurity)
{
    private const string Cloud = "dev.azure.com";
    private const string LegacyCloudSuffix = ".visualstudio.com";

    public static AzureDevOpsHosts For(Uri organizationUrl)
    {
        var core = new Uri(organizationUrl.GetLeftPart(UriPartial.Path).TrimEnd('/'));
        return new AzureDevOpsHosts(core, Area(core, "vsrm"), Area(core, "vssps"), Area(core, "vsaex"), Area(core, "advsec"));
    }

    public Uri Of(ResourceArea area) => area switch
    {
        ResourceArea.Core => Core,
        ResourceArea.Release => Release,
        ResourceArea.Graph => Graph,
        ResourceArea.Entitlements => Entitlements,
        ResourceArea.AdvancedSecurity => AdvancedSecurity,
        _ => throw new ArgumentOutOfRangeException(nameof(area), area, null),
    };

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
