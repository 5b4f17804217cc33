namespace Runner.Api.Hosting;

/// <summary>
/// Headers for every response: the console keeps an API key in sessionStorage, so it must not be framed, sniffed
/// or leak its URL, and it loads nothing but its own files (a strict CSP fits). API responses are never cached.
/// </summary>
internal sealed class SecurityHeadersMiddleware(RequestDelegate next)
{
    public const string ContentSecurityPolicy = "default-src 'self'; frame-ancestors 'none'";

    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            // Hangfire's dashboard has inline scripts of its own; it is the operator's page, framing and sniffing still refused.
            if (!context.Request.Path.StartsWithSegments("/hangfire", StringComparison.OrdinalIgnoreCase))
            {
                headers.ContentSecurityPolicy = ContentSecurityPolicy;
            }
            if (context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase))
            {
                headers.CacheControl = "no-store";
                headers.Remove("Pragma");
                headers.Remove("Expires");
            }
            return Task.CompletedTask;
        });
        return next(context);
    }
}
