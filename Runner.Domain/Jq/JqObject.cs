using System.Text.Json;

namespace Runner.Domain.Jq;

/// <summary>
/// An immutable jq object that keeps insertion order (jq prints keys in the order they were added). Small
/// objects are searched linearly; an index is built once an object grows past a handful of keys.
/// </summary>
public sealed class JqObject
{
    public static readonly JqObject Empty = new(0);

    // Linear search stays cheaper than building an index up to about this many keys (a Port entity's properties).
    private const int IndexThreshold = 16;
    private string[] keys;
    private JqValue[] values;
    private Dictionary<string, int>? index;

    internal JqObject(int capacity)
    {
        keys = capacity == 0 ? [] : new string[capacity];
        values = capacity == 0 ? [] : new JqValue[capacity];
    }

    public int Count { get; private set; }

    public static JqObject FromElement(JsonElement element)
    {
        var result = new JqObject(element.GetPropertyCount());
        foreach (var property in element.EnumerateObject())
        {
            result.Set(property.Name, JqValue.FromElement(property.Value));
        }

        return result;
    }

    public string KeyAt(int i) => keys[i];

    public JqValue ValueAt(int i) => values[i];

    public bool TryGet(string key, out JqValue value)
    {
        var i = Find(key);
        value = i >= 0 ? values[i] : default;
        return i >= 0;
    }

    /// <summary>A copy with room for more keys; the original stays unchanged.</summary>
    public JqObject Copy(int extra = 0)
    {
        var copy = new JqObject(Count + extra);
        Array.Copy(keys, copy.keys, Count);
        Array.Copy(values, copy.values, Count);
        copy.Count = Count;
        if (index is not null)
        {
            copy.index = new Dictionary<string, int>(index, StringComparer.Ordinal);
        }

        return copy;
    }

    public JqObject Without(string key)
    {
        var i = Find(key);
        if (i < 0)
        {
            return this;
        }

        var copy = new JqObject(Count - 1);
        for (var j = 0; j < Count; j++)
        {
            if (j != i)
            {
                copy.Set(keys[j], values[j]);
            }
        }

        return copy;
    }

    /// <summary>Only while building (a fresh object or a <see cref="Copy"/>): replaces in place or appends.</summary>
    internal void Set(string key, JqValue value)
    {
        var i = Find(key);
        if (i >= 0)
        {
            values[i] = value;
            return;
        }

        Append(key, value);
    }

    /// <summary>Only while building, with a key known not to be there yet (the object's keys are distinct literals).</summary>
    internal void Append(string key, JqValue value)
    {
        if (Count == keys.Length)
        {
            var size = Math.Max(4, Count * 2);
            Array.Resize(ref keys, size);
            Array.Resize(ref values, size);
        }

        keys[Count] = key;
        values[Count] = value;
        index?.Add(key, Count);
        Count++;
        if (index is null && Count > IndexThreshold)
        {
            index = new Dictionary<string, int>(Count * 2, StringComparer.Ordinal);
            for (var j = 0; j < Count; j++)
            {
                index[keys[j]] = j;
            }
        }
    }

    private int Find(string key)
    {
        if (index is not null)
        {
            return index.TryGetValue(key, out var found) ? found : -1;
        }

        for (var i = 0; i < Count; i++)
        {
            if (string.Equals(keys[i], key, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }
}
