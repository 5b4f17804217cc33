namespace Runner.Domain.Resync;

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

public sealed class KindReport
{
    public required string Kind { get; init; }
    public long Fetched { get; set; }
    public long Selected { get; set; }
    public long Upserted { get; set; }
    public long Unchanged { get; set; }
    public long Deleted { get; set; }
    public long MappingErrors { get; set; }

    /// <summary>The first mapping errors, so a tenant sees why objects were dropped.</summary>
    public List<string> MappingErrorSamples { get; init; } = [];

    /// <summary>Why this kind's data is incomplete (a failed page, a missing sub-resource…), if it is.</summary>
    public List<string> FetchErrors { get; init; } = [];

    public bool Completed { get; set; }

    /// <summary>"ran", or why deletion of stale entities was skipped for the blueprints this kind feeds.</summary>
    public string? Deletion { get; set; }
}

public sealed class BlueprintReport
{
    public required string Blueprint { get; init; }
    public bool DeletionRan { get; set; }
    public long Deleted { get; set; }
    public string? DeletionSkippedReason { get; set; }
}

public sealed class HttpReport
{
    public long Requests { get; set; }
    public long Throttled { get; set; }
    public long Retries { get; set; }
    public double DelayHonouredSeconds { get; set; }
}
