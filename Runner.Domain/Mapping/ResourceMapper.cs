using System.Text.Json;
using Runner.Domain.Mapping.Jq;

namespace Runner.Domain.Mapping;

/// <summary>
/// One resource of a mapping, compiled: maps raw objects of its kind to entities with a single jq run
/// per object. Thread-safe.
/// </summary>
public sealed class ResourceMapper : IDisposable
{
    private readonly string mappingsPath;

    internal ResourceMapper(int index, ResourceConfig resource, JqProgram program)
    {
        Index = index;
        Resource = resource;
        Program = program;
        mappingsPath = $"resources[{index}].port.entity.mappings";
    }

    public int Index { get; }

    public ResourceConfig Resource { get; }

    /// <summary>The combined program; <see cref="JqProgram.Text"/> runs unchanged under the jq CLI.</summary>
    public JqProgram Program { get; }

    public ObjectMappingResult Map(ReadOnlySpan<byte> rawJson) => Interpret(Program.Evaluate(rawJson));

    public ObjectMappingResult Map(JsonElement raw) => Interpret(Program.Evaluate(raw));

    public void Dispose() => Program.Dispose();

    private ObjectMappingResult Interpret(JqResult result)
    {
        if (result.Error is { } error)
        {
            return ObjectMappingResult.Failed(error);
        }

        // The program's shape guarantees exactly one output unless a field broke out of its parentheses.
        return result.Outputs is [var output]
            ? MappingOutputReader.Read(output, mappingsPath)
            : ObjectMappingResult.Failed($"resources[{Index}]: the mapping produced {result.Outputs.Count} results instead of one");
    }
}
