using Runner.Domain.Egress;
using Runner.Domain.Installations;
using Runner.Domain.Integrations;
using Runner.Domain.Mapping;
using Runner.Domain.Resync.Runs;

namespace Runner.Domain.Resync.Execution;

/// <summary>How a run ends, and what that means for its installation and for a retry.</summary>
public sealed record RunOutcome(ResyncRunStatus Status, string? Error = null, string? Reason = null)
{
    /// <summary>Worth an automatic retry (the source or the catalog database was unavailable).</summary>
    public bool Retry { get; init; }

    /// <summary>The installation's new status, when the run changes it.</summary>
    public InstallationStatus? InstallationBecomes { get; init; }

    /// <summary>Why the installation needs attention, when that is not <see cref="Error"/>.</summary>
    public string? AttentionReason { get; init; }

    /// <summary>Not one of the failures Runner expects; logged with its stack trace.</summary>
    public bool Unexpected { get; init; }

    /// <summary>
    /// The pipeline ran to its end: failed when some kinds were incomplete, retried when nothing could be read at all;
    /// the installation needs attention when the mapping failed on every object of a kind, and is active again otherwise.
    /// </summary>
    public static RunOutcome Completed(ResyncReport report)
    {
        var incomplete = report.Kinds.Where(k => k.FetchErrors.Count > 0).Select(k => k.Kind).ToList();
        var outcome = incomplete.Count == 0
            ? new RunOutcome(ResyncRunStatus.Succeeded)
            : new RunOutcome(ResyncRunStatus.Failed, $"Some kinds were not fetched completely ({string.Join(", ", incomplete)}); their stale entities were kept.");
        return outcome with
        {
            // Not one object could be read: the organization was unreachable or failing, which is worth a retry.
            Retry = report.Kinds.Count > 0 && report.Kinds.All(k => k.FetchErrors.Count > 0 && k.Fetched == 0),
            // The source accepted us and the mapping works: whatever needed attention was fixed, the schedule runs again.
            InstallationBecomes = FailedEveryObject(report) is null ? InstallationStatus.Active : InstallationStatus.NeedsAttention,
            AttentionReason = FailedEveryObject(report),
        };
    }

    // A kind with objects of which none mapped: the mapping is broken for it, not the odd object.
    private static string? FailedEveryObject(ResyncReport report) =>
        report.Kinds.FirstOrDefault(k => k.Fetched > 0 && k.MappingErrors == k.Fetched) is { } kind
            ? Shorten($"The mapping failed on every object of kind '{kind.Kind}' ({kind.MappingErrors} of {kind.Fetched}; first error: " +
                $"{kind.MappingErrorSamples.FirstOrDefault()}). Fix the mapping and start a resync by hand.")
            : null;

    // Fits the installation's status reason column (1,000 characters).
    private static string Shorten(string text) => text.Length <= 1000 ? text : string.Concat(text.AsSpan(0, 999), "…");

    /// <summary>The one mapping from a failure to how the run ends, as the API's exception handler maps errors to problems.</summary>
    public static RunOutcome Failed(Exception failure, bool cancelRequested, string traceId) => failure switch
    {
        OperationCanceledException when cancelRequested => new(ResyncRunStatus.Cancelled, Reason: "The run was cancelled on request."),
        CredentialsRefusedException e => new(ResyncRunStatus.Failed, e.Message) { InstallationBecomes = InstallationStatus.NeedsAttention },
        SourceUnreachableException or KindIncompleteException => new(ResyncRunStatus.Failed, failure.Message) { Retry = true },
        Npgsql.NpgsqlException { IsTransient: true } => new(ResyncRunStatus.Failed, "The catalog database was unavailable; the run will be retried.") { Retry = true },
        MappingValidationException or EgressRefusedException => new(ResyncRunStatus.Failed, failure.Message),
        _ => new(ResyncRunStatus.Failed, $"Runner failed unexpectedly (trace {traceId}); nothing was deleted.") { Unexpected = true },
    };
}
