using System.Diagnostics;

namespace Runner.Tools.AdoSandbox.Diagnostics;

/// <summary>Records each API request once it has been answered (status includes auth and fault answers).</summary>
internal sealed class RequestLogMiddleware(RequestDelegate next, RequestLog log, TimeProvider time)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var at = time.GetUtcNow();
        var started = Stopwatch.GetTimestamp();
        try
        {
            await next(context);
        }
        finally
        {
            var request = context.Request;
            log.Add(new RequestLogEntry(
                at, context.Connection.RemoteIpAddress, request.Method, request.Path.Value ?? "", request.QueryString.Value ?? "",
                context.Response.StatusCode, Stopwatch.GetElapsedTime(started), request.Host.Host));
        }
    }
}
