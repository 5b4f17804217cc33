using System.Text.Json;
using System.Text.Json.Serialization;

namespace Runner.Domain.Jq;

/// <summary>
/// A jq value. Values read from input stay a <see cref="JsonElement"/> until something needs them as .NET
/// data (a field is looked up in place, an unchanged value is written back as its raw text), so mapping an
/// object copies only what the program builds. Constructed arrays and objects are immutable once built.
/// </summary>
[JsonConverter(typeof(JqValueJsonConverter))]
public readonly struct JqValue
{
    // string | JqArray | JqObject | number literal text (string) for Number
    private readonly object? reference;
    private readonly double number;
    private readonly JsonElement element;
    private readonly bool lazy;

    public static readonly JqValue Null = default;
    public static readonly JqValue True = new(JqKind.True);
    public static readonly JqValue False = new(JqKind.False);
    public static readonly JqValue EmptyString = new("");

    private JqValue(JqKind kind)
    {
        Kind = kind;
    }

    public JqValue(double value)
    {
        Kind = JqKind.Number;
        number = value;
    }

    public JqValue(string value)
    {
        Kind = JqKind.String;
        reference = value;
    }

    public JqValue(JqArray value)
    {
        Kind = JqKind.Array;
        reference = value;
    }

    public JqValue(JqObject value)
    {
        Kind = JqKind.Object;
        reference = value;
    }

    private JqValue(double value, string literal)
    {
        Kind = JqKind.Number;
        number = value;
        reference = literal;
    }

    private JqValue(JsonElement value, JqKind kind, double number)
    {
        Kind = kind;
        element = value;
        lazy = true;
        this.number = number;
    }

    public JqKind Kind { get; }

    public bool IsTruthy => Kind > JqKind.False;

    /// <summary>True when the value is a JSON element read from input (not yet copied).</summary>
    public bool IsElement => lazy;

    public JsonElement Element => element;

    public double Number => number;

    /// <summary>The number's text as written in the input or program, when it has not been computed.</summary>
    public string? Literal => Kind == JqKind.Number ? (lazy ? element.GetRawText() : reference as string) : null;

    public bool HasLiteral => Kind == JqKind.Number && (lazy || reference is string);

    public static JqValue Bool(bool value) => value ? True : False;

    public static JqValue FromLiteral(string text)
    {
        var value = JqNumbers.Parse(text);
        return new JqValue(value, text);
    }

    public static JqValue FromElement(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Null or JsonValueKind.Undefined => Null,
        JsonValueKind.True => True,
        JsonValueKind.False => False,
        JsonValueKind.Number => new JqValue(element, JqKind.Number, element.TryGetDouble(out var d) ? d : JqNumbers.Parse(element.GetRawText())),
        JsonValueKind.String => new JqValue(element, JqKind.String, 0),
        JsonValueKind.Array => new JqValue(element, JqKind.Array, 0),
        _ => new JqValue(element, JqKind.Object, 0),
    };

    public string AsString() => lazy ? element.GetString()! : (string)reference!;

    public JqArray AsArray() => lazy ? JqArray.FromElement(element) : (JqArray)reference!;

    public JqObject AsObject() => lazy ? JqObject.FromElement(element) : (JqObject)reference!;

    /// <summary>Array length or object size without copying an input element.</summary>
    public int Count => Kind switch
    {
        JqKind.Array => lazy ? element.GetArrayLength() : ((JqArray)reference!).Count,
        JqKind.Object => lazy ? element.GetPropertyCount() : ((JqObject)reference!).Count,
        _ => 0,
    };

    /// <summary>An object's field, or null; the caller has checked that this is an object.</summary>
    public JqValue Field(string name)
    {
        if (lazy)
        {
            return element.TryGetProperty(name, out var found) ? FromElement(found) : Null;
        }

        return ((JqObject)reference!).TryGet(name, out var value) ? value : Null;
    }

    /// <summary>As <see cref="Field(string)"/>, with the name's UTF-8 bytes for an input element (no transcoding per lookup).</summary>
    public JqValue Field(string name, byte[] utf8Name)
    {
        if (lazy)
        {
            return element.TryGetProperty(utf8Name, out var found) ? FromElement(found) : Null;
        }

        return ((JqObject)reference!).TryGet(name, out var value) ? value : Null;
    }

    public bool HasField(string name) => lazy ? element.TryGetProperty(name, out _) : ((JqObject)reference!).TryGet(name, out _);

    /// <summary>An array's element, or null when out of range; negative indices count from the end.</summary>
    public JqValue Index(int index)
    {
        var count = Count;
        if (index < 0)
        {
            index += count;
        }

        if (index < 0 || index >= count)
        {
            return Null;
        }

        return lazy ? FromElement(element[index]) : ((JqArray)reference!)[index];
    }

    public override string ToString() => JqJson.Serialize(this);
}
