using System.Globalization;
using Runner.Tools.AdoSandbox.Http;

namespace Runner.Tools.AdoSandbox.Faults;

/// <summary>Applies <see cref="FaultSettings"/> to API requests.</summary>
internal sealed class FaultMiddleware(RequestDelegate next, SandboxFaults faults, TimeProvider time)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var remoteIp = context.Connection.RemoteIpAddress?.ToString();
        faults.RequestArrived(remoteIp, time.GetUtcNow());
        var settings = faults.Settings;
        var target = context.Request.Path.Value + context.Request.QueryString.Value;
        var now = time.GetUtcNow();
        if (!faults.TakeFromSecond(settings, now))
        {
            var nextSecond = DateTimeOffset.FromUnixTimeSeconds(now.ToUnixTimeSeconds() + 1);
            await Throttle(context, settings with { RetryAfterSeconds = 1 }, remoteIp, target, nextSecond);
            return;
        }
        if (Matches(target, settings.PathContains ?? ""))
        {
            if (settings.LatencyMs > 0)
            {
                await Task.Delay(settings.LatencyMs, context.RequestAborted);
            }
            if (faults.NextIsThrottled(settings))
            {
                await Throttle(context, settings, remoteIp, target, now.AddSeconds(settings.RetryAfterSeconds));
                return;
            }
            if (faults.NextIsDropped(settings))
            {
                context.Abort();
                return;
            }
            if (faults.NextIsSignInPage(settings))
            {
                context.Response.StatusCode = StatusCodes.Status203NonAuthoritative;
                context.Response.ContentType = "text/html; charset=utf-8";
                await context.Response.WriteAsync(PatAuthMiddleware.SignInPage, context.RequestAborted);
                return;
            }
            if (faults.NextIsServerError(settings))
            {
                await AdoErrors.Result(settings.ServerErrorStatus, "VS800001: The service is temporarily unavailable (sandbox fault).", "ServiceUnavailableException")
                    .ExecuteAsync(context);
                return;
            }
            if (settings.RateLimitRemaining is { } remaining)
            {
                // ADO's tarpit: the request succeeds, but only after the delay the header reports.
                if (settings.RateLimitDelaySeconds is > 0 and var delay)
                {
                    await Task.Delay(TimeSpan.FromSeconds(delay), context.RequestAborted);
                }
                AddRateLimitHeaders(context, remaining, settings.RateLimitDelaySeconds, time.GetUtcNow().AddMinutes(5));
            }
        }
        if (settings.NotFoundPathContains is { Length: > 0 } missing && Matches(target, missing))
        {
            await AdoErrors.NotFound(context.Request.Path.Value ?? "resource").ExecuteAsync(context);
            return;
        }
        if (settings.TruncateBodyPathContains is { Length: > 0 } truncated && Matches(target, truncated))
        {
            await Truncate(context);
            return;
        }
        await next(context);
    }

    private static bool Matches(string target, string pattern) => target.Contains(pattern, StringComparison.OrdinalIgnoreCase);

    // The budget is back when Retry-After has passed, so X-RateLimit-Reset says the same.
    private async Task Throttle(HttpContext context, FaultSettings settings, string? remoteIp, string target, DateTimeOffset reset)
    {
        context.Response.Headers.RetryAfter = settings.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        AddRateLimitHeaders(context, 0, settings.RateLimitDelaySeconds, reset);
        await AdoErrors.Result(
                StatusCodes.Status429TooManyRequests,
                "TF400733: The request has been canceled: Request was blocked due to exceeding usage of resource 'ATCPU' in namespace 'User'.",
                "RequestBlockedException")
            .ExecuteAsync(context);
        // Recorded after the body is written, so the client's wait is measured from when it could see the 429.
        faults.RecordThrottle(new ThrottleRecord(time.GetUtcNow(), target, TimeSpan.FromSeconds(settings.RetryAfterSeconds)) { RemoteIp = remoteIp });
    }

    private static void AddRateLimitHeaders(HttpContext context, int remaining, double? delaySeconds, DateTimeOffset reset)
    {
        var headers = context.Response.Headers;
        headers["X-RateLimit-Resource"] = "ATCPU";
        headers["X-RateLimit-Limit"] = "200";
        headers["X-RateLimit-Remaining"] = remaining.ToString(CultureInfo.InvariantCulture);
        headers["X-RateLimit-Reset"] = reset.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        if (delaySeconds is { } delay)
        {
            headers["X-RateLimit-Delay"] = delay.ToString("0.###", CultureInfo.InvariantCulture);
        }
    }

    /// <summary>Sends half the body with chunked encoding: the HTTP exchange succeeds but the JSON is cut off.</summary>
    private async Task Truncate(HttpContext context)
    {
        var original = context.Response.Body;
        using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        try
        {
            await next(context);
        }
        finally
        {
            context.Response.Body = original;
        }
        context.Response.ContentLength = null;
        await original.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length / 2), context.RequestAborted);
    }
}
