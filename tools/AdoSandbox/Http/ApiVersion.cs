using System.Globalization;
using System.Text.RegularExpressions;

namespace Runner.Tools.AdoSandbox.Http;

/// <summary>
/// ADO rejects a write without an api-version (query or Accept header), a version above its newest, and a GA
/// version on a resource that only exists as preview — the last one is an easy client bug to ship. GETs without a
/// version are served at the latest version (Ocean's user-entitlement call relies on that).
/// </summary>
internal static partial class ApiVersion
{
    private const decimal Newest = 7.2m;

    /// <summary>Endpoint metadata: the resource has no GA version (graph users, org-wide teams, properties).</summary>
    public sealed record PreviewOnly;

    public static RouteHandlerBuilder RequirePreview(this RouteHandlerBuilder builder) => builder.WithMetadata(new PreviewOnly());

    public static async ValueTask<object?> Filter(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var version = Requested(http.Request);
        var method = http.Request.Method;
        if (string.IsNullOrEmpty(version))
        {
            if (HttpMethods.IsGet(method))
            {
                return await next(context);
            }
            return AdoErrors.BadRequest(
                $"No api-version was supplied for the \"{method}\" request. The version must be supplied either as part of the Accept header (e.g. \"application/json; api-version=1.0\") or as a query parameter (e.g. '?api-version=1.0').",
                "VssVersionNotSpecifiedException");
        }
        var match = VersionPattern().Match(version);
        if (!match.Success)
        {
            return AdoErrors.BadRequest($"VS800048: The api-version '{version}' is not valid.", "VssInvalidApiVersionException");
        }
        var number = decimal.Parse(match.Groups["number"].Value, CultureInfo.InvariantCulture);
        if (number > Newest)
        {
            return AdoErrors.BadRequest(
                $"VS800071: The requested REST API version of {number.ToString(CultureInfo.InvariantCulture)} is out of range for this server. The latest REST API version this server supports is {Newest.ToString(CultureInfo.InvariantCulture)}.",
                "VssVersionOutOfRangeException");
        }
        if (!match.Groups["preview"].Success && http.GetEndpoint()?.Metadata.GetMetadata<PreviewOnly>() is not null)
        {
            return AdoErrors.BadRequest(
                $"VS800075: The requested version \"{version}\" of the resource is under preview. The -preview flag must be supplied in the api-version for such requests. For example: \"{version}-preview\"",
                "VssInvalidPreviewVersionException");
        }
        return await next(context);
    }

    private static string? Requested(HttpRequest request)
    {
        if (request.Query.TryGetValue("api-version", out var fromQuery))
        {
            return fromQuery.ToString();
        }
        var accept = request.Headers.Accept.ToString();
        var at = accept.IndexOf("api-version=", StringComparison.OrdinalIgnoreCase);
        return at < 0 ? null : accept[(at + "api-version=".Length)..].Split(',', ';')[0].Trim();
    }

    [GeneratedRegex(@"^(?<number>\d+\.\d+)(?<preview>-preview(\.\d+)?)?$", RegexOptions.IgnoreCase)]
    private static partial Regex VersionPattern();
}
