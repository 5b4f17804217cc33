using System.ComponentModel.DataAnnotations;
using Runner.Domain.Jq;

namespace Runner.Domain.Mapping;

/// <summary>
/// Bounds on one object's evaluation of a tenant's mapping (<c>Runner:Mapping</c>). Running out is a mapping error for
/// that object, never a held thread: resyncs get room for heavy mappings, the tester (any member key, interactive)
/// a tighter bound.
/// </summary>
public sealed class MappingOptions
{
    public const string SectionName = "Runner:Mapping";

    [Required]
    public MappingBudgetOptions Resync { get; set; } = new();

    [Required]
    public MappingBudgetOptions Tester { get; set; } = new() { MaxSteps = 1_000_000, MaxMemoryBytes = 4 * 1024 * 1024, MaxDepth = 1_000 };

    /// <summary>A tester request's whole time (a mapping may hold many resources of one kind): what is left unmapped then says so.</summary>
    public TimeSpan TesterTimeLimit { get; set; } = TimeSpan.FromSeconds(10);
}

/// <summary>One evaluation's budget: jq steps, bytes of values built, and call depth.</summary>
public sealed class MappingBudgetOptions
{
    [Range(1_000, 1_000_000_000)]
    public long MaxSteps { get; set; } = 5_000_000;

    [Range(64 * 1024, 1024L * 1024 * 1024)]
    public long MaxMemoryBytes { get; set; } = 16 * 1024 * 1024;

    [Range(16, 10_000)]
    public int MaxDepth { get; set; } = 2_000;

    public JqBudget ToBudget() => new(MaxSteps, MaxMemoryBytes, MaxDepth);
}
