namespace Runner.Domain.Resync.Runs;

public sealed class BlueprintReport
{
    public required string Blueprint { get; init; }
    public bool DeletionRan { get; set; }
    public long Deleted { get; set; }
    public string? DeletionSkippedReason { get; set; }
}
