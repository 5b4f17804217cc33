using Runner.Tools.AdoSandbox.Data;
using Runner.Tools.AdoSandbox.Diagnostics;
using Runner.Tools.AdoSandbox.Faults;

namespace Runner.Tools.AdoSandbox.Api;

/// <summary>
/// Out-of-band control for the standalone server (no PAT, loopback only, never logged or faulted): fault knobs,
/// the deletion knob, throttles sent, the request log and expected counts.
/// </summary>
internal static class ControlEndpoints
{
    public sealed record DataChange(double? DeletedFraction);

    public static void MapControl(this IEndpointRouteBuilder app)
    {
        var control = app.MapGroup(SandboxApp.ControlPrefix);
        control.MapGet("/faults", (SandboxFaults faults) => TypedResults.Ok(faults.Settings));
        control.MapPost("/faults", (SandboxFaults faults, FaultSettings settings) =>
        {
            faults.Settings = settings;
            return TypedResults.Ok(settings);
        });
        control.MapGet("/throttles", (SandboxFaults faults) => TypedResults.Ok(faults.Throttles.Select(t =>
            new { t.SentAt, t.Path, retryAfterSeconds = t.RetryAfter.TotalSeconds, gapToNextRequestSeconds = t.GapToNextRequest?.TotalSeconds, t.Honoured })));
        control.MapGet("/requests", (RequestLog log, int? take) => TypedResults.Ok(new
        {
            total = log.TotalCount,
            entries = log.Snapshot().TakeLast(take ?? 1000).Select(e =>
                new { e.At, remoteIp = e.RemoteIp?.ToString(), e.Host, e.Method, e.Path, e.Query, e.Status, elapsedMs = e.Elapsed.TotalMilliseconds }),
        }));
        control.MapDelete("/requests", (RequestLog log) =>
        {
            log.Clear();
            return TypedResults.NoContent();
        });
        control.MapPost("/data", (SandboxOptions options, OrgState state, DataChange change) =>
        {
            options.DeletedFraction = change.DeletedFraction ?? options.DeletedFraction;
            options.Validate();
            return TypedResults.Ok(SandboxCounts.Compute(options, state));
        });
        control.MapWorkItemChanges();
        control.MapGitChanges();
        control.MapPipelineChanges();
        control.MapHookControl();
        control.MapGet("/expected-counts", (SandboxOptions options, OrgState state) => TypedResults.Ok(SandboxCounts.Compute(options, state)));
    }
}
