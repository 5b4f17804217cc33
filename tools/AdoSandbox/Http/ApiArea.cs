namespace Runner.Tools.AdoSandbox.Http;

/// <summary>
/// The cloud host an API lives on (<c>vsrm.</c>, <c>vssps.</c>, <c>vsaex.</c>, <c>advsec.</c>; core has none). With
/// <see cref="SandboxOptions.AreaHosts"/> a request whose host names an area reaches only that area's endpoints,
/// and a request to the core host reaches none of them, as on dev.azure.com.
/// </summary>
internal sealed record ApiArea(string Name)
{
    public static readonly ApiArea Core = new("");
    public static readonly ApiArea Release = new("vsrm");
    public static readonly ApiArea Graph = new("vssps");
    public static readonly ApiArea Entitlements = new("vsaex");
    public static readonly ApiArea AdvancedSecurity = new("advsec");

    private static readonly ApiArea[] Areas = [Release, Graph, Entitlements, AdvancedSecurity];

    /// <summary>The area a request's host names, e.g. <c>vsrm.localhost:5081</c>; core when it names none.</summary>
    public static ApiArea Of(HttpRequest request)
    {
        var host = request.Host.Host;
        return Areas.FirstOrDefault(area => host.StartsWith(area.Name + ".", StringComparison.OrdinalIgnoreCase)) ?? Core;
    }

    public static ApiArea Of(Endpoint? endpoint) => endpoint?.Metadata.GetMetadata<ApiArea>() ?? Core;
}

internal static class ApiAreaExtensions
{
    public static TBuilder InArea<TBuilder>(this TBuilder builder, ApiArea area)
        where TBuilder : IEndpointConventionBuilder => builder.WithMetadata(area);
}

/// <summary>Endpoint metadata: served on every host (connection data, service hooks).</summary>
internal sealed record AnyArea;
