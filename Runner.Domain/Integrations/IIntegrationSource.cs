namespace Runner.Domain.Integrations;

/// <summary>
/// One installation's open connection to its system, as a resync sees any integration: kinds stream as
/// pages of raw objects. A problem that leaves a kind incomplete without stopping it is kept per kind;
/// failures are thrown as <see cref="CredentialsRefusedException"/>, <see cref="SourceUnreachableException"/>
/// or <see cref="KindIncompleteException"/>, so callers never see an integration's own types.
/// </summary>
public interface IIntegrationSource : IDisposable
{
    IAsyncEnumerable<RawPage> FetchAsync(FetchRequest request, CancellationToken ct = default);

    /// <summary>Why the kind's data is incomplete (a sub-resource's 404, a malformed page), if it is.</summary>
    IReadOnlyList<string> ProblemsOf(string kind);

    /// <summary>Objects left out on purpose (a file over the size limit, a repository without Advanced Security), by reason.</summary>
    IReadOnlyDictionary<string, long> SkippedOf(string kind);

    /// <summary>What the source has cost so far.</summary>
    SourceCost Cost { get; }
}
