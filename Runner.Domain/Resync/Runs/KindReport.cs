namespace Runner.Domain.Resync.Runs;

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

    /// <summary>Objects left out on purpose, by reason (a file over 1 MiB…); they don't make the kind incomplete.</summary>
    public List<SkippedObjects> Skipped { get; init; } = [];

    public bool Completed { get; set; }

    /// <summary>In an incremental run, the cursor the kind was fetched from (objects changed since then).</summary>
    public DateTimeOffset? ChangedSince { get; set; }

    /// <summary>"ran", or why deletion of stale entities was skipped for the blueprints this kind feeds.</summary>
    public string? Deletion { get; set; }
}

/// <summary>How many objects of a kind were left out for one reason.</summary>
public sealed class SkippedObjects
{
    public required string Reason { get; init; }
    public long Count { get; set; }
}
