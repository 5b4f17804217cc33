using System.Runtime.CompilerServices;
using Runner.Domain.Jq;
using Runner.Domain.Jq.Runtime;

namespace Runner.Domain.Mapping;

/// <summary>
/// The blueprint a resource writes to when its expression does not depend on the object (almost
/// always a literal such as <c>'"service"'</c>). Reconciliation needs it even when a run produced
/// no entity of that resource, e.g. because everything was deleted at the source.
/// </summary>
public static class StaticBlueprint
{
    // A literal takes a handful of steps; a tenant's expression gets no more than this to prove it is one.
    private static readonly JqRunOptions Probe = new() { Budget = new JqBudget(MaxSteps: 10_000, MaxMemoryBytes: 64 * 1024, MaxDepth: 100) };

    // Compiled mappings (and their resources) are shared across runs: remember the answer per resource.
    private static readonly ConditionalWeakTable<ResourceConfig, StrongBox<string?>> Known = [];

    public static string? Of(ResourceConfig resource) => Known.GetValue(resource, r => new StrongBox<string?>(Evaluate(r))).Value;

    private static string? Evaluate(ResourceConfig resource)
    {
        try
        {
            var first = JqProgram.Compile(PortJqText.Normalize(resource.Mappings.Blueprint)).First(JqValue.Null, Probe);
            return first is { Kind: JqKind.String } text ? text.AsString() : null;
        }
        catch (Exception e) when (e is JqCompileException or JqException or JqBudgetException or JqHaltException)
        {
            return null;
        }
    }
}
