using System.Diagnostics;

namespace Runner.Tools.AdoSandbox.Diagnostics;

/// <summary>Outermost middleware, so the logged status is the one the client saw (auth and faults included).</summary>
internal sealed class RequestLogMiddleware(RequestDelegate next, RequestLog log, TimeProvider time)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (SandboxApp.IsControlPath(context.Request.Path))
        {
            await next(context);
            return;
        }
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
                context.Response.StatusCode, Stopwatch.GetElapsedTime(started)));
        }
    }
}
