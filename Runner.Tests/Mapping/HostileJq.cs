namespace Runner.Tests.Mapping;

/// <summary>jq programs a hostile or careless tenant may save, and which budget each must run out of.</summary>
public static class HostileJq
{
    public sealed record Case(string Name, string Program, string Budget);

    public static readonly IReadOnlyList<Case> Programs =
    [
        new("unbounded recursion building lists", "def f: [f]; f", "depth"),
        new("endless loop", "def f: f; f", "step"),
        new("a billion-element list", "[range(1e9)]", "budget exceeded"),
        new("repeat", "[repeat(.)]", "budget exceeded"),
        new("limit of 1e8 repeats", "[limit(1e8; repeat(1))]", "budget exceeded"),
        new("50 MiB string by doubling", "reduce range(26) as $i (\"x\"; . + .)", "memory"),
    ];
}
