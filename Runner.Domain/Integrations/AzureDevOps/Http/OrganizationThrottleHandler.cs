using System.Net;

namespace Runner.Domain.Integrations.AzureDevOps.Http;

/// <summary>
/// Runs once per attempt, inside the retry pipeline: holds one of the session's in-flight slots, waits for the
/// organization's throttle (and its budget shared with the other Workers), counts, and turns a rejected PAT into
/// <see cref="AzureDevOpsAuthenticationException"/> (not a transient error, so the retry pipeline lets it through at once).
/// </summary>
internal sealed class OrganizationThrottleHandler : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
    {
        var session = AzureDevOpsHttp.SessionOf(request);
        using var priority = session.Priority ? session.Throttle.EnterPriority() : null;
        if (!session.Priority)
        {
            await session.Throttle.YieldToPriorityAsync(ct);
        }
        await session.InFlight.WaitAsync(ct);
        try
        {
            var waited = await session.Throttle.WaitTurnAsync(ct);
            if (waited > TimeSpan.Zero)
            {
                session.Counters.AddThrottleWait(waited);
            }
            session.Counters.AddRequest();
            var response = await base.SendAsync(request, ct);
            try
            {
                await session.Throttle.ObserveAsync(response, ct);
            }
            catch
            {
                response.Dispose();
                throw;
            }
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                session.Counters.AddThrottled();
            }
            if (IsRejectedCredential(response))
            {
                response.Dispose();
                throw new AzureDevOpsAuthenticationException(request.RequestUri?.AbsolutePath ?? "");
            }
            return response;
        }
        finally
        {
            session.InFlight.Release();
        }
    }

    // A bad PAT can come back as 203 + the HTML sign-in page instead of 401, so a 2xx HTML body counts too. Other
    // bodies may be legitimate: a file's raw bytes come back as text/plain or application/octet-stream.
    private static bool IsRejectedCredential(HttpResponseMessage response) =>
        response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.NonAuthoritativeInformation
        || (response.IsSuccessStatusCode && IsHtml(response.Content.Headers.ContentType?.MediaType));

    private static bool IsHtml(string? mediaType) =>
        mediaType is not null && (mediaType.Equals("text/html", StringComparison.OrdinalIgnoreCase) || mediaType.Equals("application/xhtml+xml", StringComparison.OrdinalIgnoreCase));
}
