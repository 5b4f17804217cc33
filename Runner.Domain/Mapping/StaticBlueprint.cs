using System.Runtime.CompilerServices;
using System.Text.Json;
using Runner.Domain.Mapping.Jq;

namespace Runner.Domain.Mapping;

/// <summary>
/// The blueprint a resource writes to when its expression does not depend on the object (almost
/// always a literal such as <c>'"service"'</c>). Reconciliation needs it even when a run produced
/// no entity of that resource, e.g. because everything was deleted at the source.
/// </summary>
public static class StaticBlueprint
{
    // Compiled mappings (and their resources) are shared across runs: remember the answer per resource.
    private static readonly ConditionalWeakTable<ResourceConfig, StrongBox<string?>> Known = [];

    public static string? Of(ResourceConfig resource) => Known.GetValue(resource, r => new StrongBox<string?>(Evaluate(r))).Value;

    private static string? Evaluate(ResourceConfig resource)
    {
        try
        {
            using var program = JqProgram.Compile(PortJqText.Normalize(resource.Mappings.Blueprint));
            var result = program.Evaluate("null"u8);
            if (result.Outputs.Count == 0)
            {
                return null;
            }
            using var output = JsonDocument.Parse(result.Outputs[0]);
            return output.RootElement.ValueKind == JsonValueKind.String ? output.RootElement.GetString() : null;
        }
        catch (JqCompileException)
        {
            return null;
        }
    }
}
