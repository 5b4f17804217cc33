using System.Net;

namespace Runner.Domain.Integrations.AzureDevOps.Http;

/// <summary>
/// Runs once per attempt, inside the retry pipeline: waits for the organization's throttle, holds one of the
/// session's in-flight slots, counts, and turns a rejected PAT into <see cref="AzureDevOpsAuthenticationException"/>
/// (not a transient error, so the retry pipeline lets it through at once).
/// </summary>
internal sealed class OrganizationThrottleHandler(TimeProvider time) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
    {
        var session = AzureDevOpsHttp.SessionOf(request);
        await session.InFlight.WaitAsync(ct);
        try
        {
            var wait = session.Throttle.TimeToResume();
            if (wait > TimeSpan.Zero)
            {
                session.Counters.AddThrottleWait(wait);
                await Task.Delay(wait, time, ct);
            }
            session.Counters.AddRequest();
            var response = await base.SendAsync(request, ct);
            session.Throttle.Observe(response);
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

    // A bad PAT can come back as 203 + the HTML sign-in page instead of 401, so any non-JSON 2xx body counts too.
    private static bool IsRejectedCredential(HttpResponseMessage response) =>
        response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.NonAuthoritativeInformation
        || (response.IsSuccessStatusCode && response.StatusCode != HttpStatusCode.NoContent && !IsJson(response.Content.Headers.ContentType?.MediaType));

    private static bool IsJson(string? mediaType) =>
        mediaType is not null
        && (mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase) || mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase));
}
