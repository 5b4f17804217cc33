using Runner.Api.Hosting;

namespace Microsoft.AspNetCore.Builder;

internal static class SecurityHeadersExtensions
{
    /// <summary>First in the pipeline, so error and status-code responses carry the headers too.</summary>
    public static WebApplication UseRunnerSecurityHeaders(this WebApplication app)
    {
        app.UseMiddleware<SecurityHeadersMiddleware>();
        return app;
    }
}
