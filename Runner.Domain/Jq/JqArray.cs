using System.Text.Json;

namespace Runner.Domain.Jq;

/// <summary>An immutable jq array: built once (by a builder or a copy) and never changed afterwards.</summary>
public sealed class JqArray
{
    public static readonly JqArray Empty = new([], 0);

    private readonly JqValue[] items;

    internal JqArray(JqValue[] items, int count)
    {
        this.items = items;
        Count = count;
    }

    public int Count { get; }

    public JqValue this[int index] => items[index];

    public ReadOnlySpan<JqValue> Span => items.AsSpan(0, Count);

    public static JqArray From(List<JqValue> values) => new([.. values], values.Count);


    public static JqArray From(params JqValue[] values) => new(values, values.Length);

    public static JqArray FromElement(JsonElement element)
    {
        var values = new JqValue[element.GetArrayLength()];
        var i = 0;
        foreach (var item in element.EnumerateArray())
        {
            values[i++] = JqValue.FromElement(item);
        }

        return new JqArray(values, values.Length);
    }

    public JqValue[] ToArray() => Span.ToArray();
}
