using System.Buffers;
using System.Text.Json;

namespace Runner.Domain.Integrations.AzureDevOps.Fetching;

/// <summary>A context field mappings read next to the API object, e.g. <c>__project</c>.</summary>
internal readonly record struct ContextField(string Name, JsonElement Value);

/// <summary>
/// Writes a page's objects, each followed by its context fields, into one buffer with Utf8JsonWriter —
/// no intermediate object trees. A context field replaces an API property of the same name; <paramref name="stamp"/>
/// fields (the organization) follow every object.
/// </summary>
internal sealed class PageBuilder(string kind, ContextField[]? stamp = null)
{
    private readonly ContextField[] _stamp = stamp ?? [];
    private readonly ArrayBufferWriter<byte> _buffer = new(16 * 1024);
    private readonly List<Range> _items = [];
    private Utf8JsonWriter? _writer;

    public int Count => _items.Count;

    /// <summary>An object with context fields, standalone, for nesting as another object's context (a column's <c>__board</c>).</summary>
    public static JsonElement Combine(JsonElement item, params ReadOnlySpan<ContextField> context)
    {
        var builder = new PageBuilder("");
        builder.Add(item, context);
        using var document = JsonDocument.Parse(builder.Build()!.Items[0]);
        return document.RootElement.Clone();
    }

    public void Add(JsonElement item, params ReadOnlySpan<ContextField> context) => AddWithout(item, null, context);

    /// <summary>Adds <paramref name="item"/> without its property <paramref name="left"/> (a tree node's children, flattened).</summary>
    public void AddWithout(JsonElement item, string? left, params ReadOnlySpan<ContextField> context)
    {
        if (item.ValueKind != JsonValueKind.Object)
        {
            return;
        }
        var writer = _writer ??= new Utf8JsonWriter(_buffer);
        var start = _buffer.WrittenCount;
        writer.WriteStartObject();
        foreach (var property in item.EnumerateObject())
        {
            if (property.Name != left && !IsContext(property.Name, context) && !IsContext(property.Name, _stamp))
            {
                property.WriteTo(writer);
            }
        }
        foreach (var field in context)
        {
            if (!IsContext(field.Name, _stamp))
            {
                writer.WritePropertyName(field.Name);
                field.Value.WriteTo(writer);
            }
        }
        foreach (var field in _stamp)
        {
            writer.WritePropertyName(field.Name);
            field.Value.WriteTo(writer);
        }
        writer.WriteEndObject();
        writer.Flush();
        writer.Reset();
        _items.Add(start.._buffer.WrittenCount);
    }

    public RawPage? Build()
    {
        _writer?.Dispose();
        if (_items.Count == 0)
        {
            return null;
        }
        var written = _buffer.WrittenMemory;
        return new RawPage(kind, [.. _items.Select(range => written[range])]);
    }

    private static bool IsContext(string name, ReadOnlySpan<ContextField> context)
    {
        foreach (var field in context)
        {
            if (field.Name == name)
            {
                return true;
            }
        }
        return false;
    }
}
