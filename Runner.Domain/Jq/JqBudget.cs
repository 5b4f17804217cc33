namespace Runner.Domain.Jq;

/// <summary>
/// Limits on one evaluation. Exceeding any raises <see cref="JqBudgetException"/> for that evaluation only;
/// <c>try</c> cannot catch it. Memory counts the bytes of every string, array and object the program
/// builds (cumulative, so it also bounds time spent copying).
/// </summary>
public sealed record JqBudget(long MaxSteps = 5_000_000, long MaxMemoryBytes = 16 * 1024 * 1024, int MaxDepth = 2_000)
{
    public static readonly JqBudget Default = new();
}
