namespace Runner.Domain.Resync.Runs;

/// <summary>What a run did, kind by kind, and what reconciliation did per blueprint.</summary>
public sealed class ResyncReport
{
    public List<KindReport> Kinds { get; init; } = [];

    public List<BlueprintReport> Blueprints { get; init; } = [];

    /// <summary>What the run cost the source: requests, rate limiting and retries.</summary>
    public HttpReport Http { get; init; } = new();

    public KindReport Kind(string kind)
    {
        var report = Kinds.FirstOrDefault(k => k.Kind == kind);
        if (report is null)
        {
            Kinds.Add(report = new KindReport { Kind = kind });
        }
        return report;
    }
}
