using System.Text.Json;
using Runner.Domain.Jq;
using Runner.Domain.Jq.Runtime;

namespace Runner.Domain.Mapping;

/// <summary>
/// One resource of a mapping, compiled: maps raw objects of its kind to entities with a single evaluation of
/// the native jq engine per object, under a budget. Thread-safe; the raw object is read in place, so nothing
/// goes through text between the fetched page and the entity.
/// </summary>
public sealed class ResourceMapper
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

    /// <summary>Maps one raw object under <paramref name="options"/> (the engine's default budget when none).</summary>
    /// <remarks>The bytes are read in place (not copied) and must not change until this returns.</remarks>
    /// <exception cref="OperationCanceledException">The options' token was cancelled mid-evaluation.</exception>
    public ObjectMappingResult Map(ReadOnlyMemory<byte> rawJson, JqRunOptions? options = null)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(rawJson);
        }
        catch (JsonException e)
        {
            return ObjectMappingResult.Failed($"resources[{Index}]: the object is not valid JSON ({e.Message})");
        }

        // Entities hold their own copies of everything they took from the object, so its document goes back to the pool.
        using (document)
        {
            return Map(document.RootElement, options);
        }
    }

    /// <inheritdoc cref="Map(ReadOnlyMemory{byte}, JqRunOptions?)"/>
    public ObjectMappingResult Map(byte[] rawJson, JqRunOptions? options = null) => Map(rawJson.AsMemory(), options);

    /// <inheritdoc cref="Map(ReadOnlyMemory{byte}, JqRunOptions?)"/>
    public ObjectMappingResult Map(ReadOnlySpan<byte> rawJson, JqRunOptions? options = null) => Map(rawJson.ToArray().AsMemory(), options);

    /// <exception cref="OperationCanceledException">The options' token was cancelled mid-evaluation.</exception>
    public ObjectMappingResult Map(JsonElement raw, JqRunOptions? options = null)
    {
        JqValue? output = null;
        var outputs = 0;
        try
        {
            Program.Run(JqValue.FromElement(raw), value =>
            {
                output = value;
                return ++outputs < 2;
            }, options);
        }
        catch (JqException e)
        {
            return ObjectMappingResult.Failed(e.Message);
        }
        catch (JqBudgetException e)
        {
            return ObjectMappingResult.Failed($"resources[{Index}]: the mapping ran out of its budget: {e.Message}");
        }
        catch (JqHaltException)
        {
            return ObjectMappingResult.Failed($"resources[{Index}]: the mapping called halt");
        }

        // The program's shape guarantees exactly one output unless a field broke out of its parentheses.
        return outputs == 1
            ? MappingOutputReader.Read(output!.Value, mappingsPath)
            : ObjectMappingResult.Failed($"resources[{Index}]: the mapping produced {(outputs == 0 ? "no result" : "more than one result")} instead of one");
    }
}
