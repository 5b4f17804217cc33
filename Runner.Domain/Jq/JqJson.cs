using System.Text;
using System.Text.Json;

namespace Runner.Domain.Jq;

/// <summary>Writes values as jq 1.7.1 does: its escaping, its number text, compact or indented, keys optionally sorted.</summary>
public static class JqJson
{
    private static readonly JqJsonFormat Compact = new(Indent: 0, SortKeys: false);

    // One builder per thread, reused: the catalog serialises two or three values per entity.
    [ThreadStatic]
    private static StringBuilder? cached;

    public static string Serialize(JqValue value)
    {
        var b = cached ?? new StringBuilder(256);
        cached = null;
        b.Clear();
        Write(b, value, Compact, 0);
        var text = b.ToString();
        if (b.Capacity <= 16 * 1024)
        {
            cached = b;
        }

        return text;
    }

    public static void Write(StringBuilder b, JqValue value, JqJsonFormat format, int level)
    {
        JqStack.Ensure();
        switch (value.Kind)
        {
            case JqKind.Null:
                b.Append("null");
                break;
            case JqKind.False:
                b.Append("false");
                break;
            case JqKind.True:
                b.Append("true");
                break;
            case JqKind.Number:
                b.Append(JqNumbers.Format(value));
                break;
            case JqKind.String:
                WriteString(b, value.AsString());
                break;
            case JqKind.Array:
                WriteArray(b, value, format, level);
                break;
            default:
                WriteObject(b, value, format, level);
                break;
        }
    }

    public static void WriteString(StringBuilder b, string s)
    {
        b.Append('"');
        foreach (var c in s)
        {
            switch (c)
            {
                case '"':
                    b.Append("\\\"");
                    break;
                case '\\':
                    b.Append("\\\\");
                    break;
                case '\n':
                    b.Append("\\n");
                    break;
                case '\t':
                    b.Append("\\t");
                    break;
                case '\r':
                    b.Append("\\r");
                    break;
                case '\b':
                    b.Append("\\b");
                    break;
                case '\f':
                    b.Append("\\f");
                    break;
                default:
                    if (c < 0x20 || c == 0x7f)
                    {
                        b.Append("\\u").Append(((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        b.Append(c);
                    }

                    break;
            }
        }

        b.Append('"');
    }

    /// <summary>Writes through System.Text.Json (the Worker's path); numbers keep jq's text.</summary>
    public static void WriteTo(Utf8JsonWriter writer, JqValue value)
    {
        JqStack.Ensure();
        if (value.IsElement && value.Kind != JqKind.Number)
        {
            value.Element.WriteTo(writer);
            return;
        }

        switch (value.Kind)
        {
            case JqKind.Null:
                writer.WriteNullValue();
                break;
            case JqKind.False:
                writer.WriteBooleanValue(false);
                break;
            case JqKind.True:
                writer.WriteBooleanValue(true);
                break;
            case JqKind.Number when value.IsElement && JqNumbers.IsPlainInteger(System.Runtime.InteropServices.JsonMarshal.GetRawUtf8Value(value.Element)):
                writer.WriteRawValue(System.Runtime.InteropServices.JsonMarshal.GetRawUtf8Value(value.Element), skipInputValidation: true);
                break;
            case JqKind.Number:
                writer.WriteRawValue(JqNumbers.Format(value), skipInputValidation: true);
                break;
            case JqKind.String:
                writer.WriteStringValue(value.AsString());
                break;
            case JqKind.Array:
                writer.WriteStartArray();
                foreach (var item in value.AsArray().Span)
                {
                    WriteTo(writer, item);
                }

                writer.WriteEndArray();
                break;
            default:
                writer.WriteStartObject();
                var o = value.AsObject();
                for (var i = 0; i < o.Count; i++)
                {
                    writer.WritePropertyName(o.KeyAt(i));
                    WriteTo(writer, o.ValueAt(i));
                }

                writer.WriteEndObject();
                break;
        }
    }

    /// <summary>Parses one JSON text; jq's messages for bad input are approximated.</summary>
    public static JqValue Parse(string text)
    {
        try
        {
            var bytes = Encoding.UTF8.GetBytes(text);
            var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { MaxDepth = 10000 });
            var element = JsonElement.ParseValue(ref reader);
            if (reader.Read())
            {
                throw new JsonException("Unexpected extra JSON values");
            }

            return JqValue.FromElement(element);
        }
        catch (JsonException e)
        {
            throw new JqException(new JqValue($"{FirstSentence(e.Message)} (while parsing '{text}')"));
        }
    }

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return end > 0 ? message[..end] : message.TrimEnd('.');
    }

    private static void WriteArray(StringBuilder b, JqValue value, JqJsonFormat format, int level)
    {
        var count = value.Count;
        if (count == 0)
        {
            b.Append("[]");
            return;
        }

        b.Append('[');
        var i = 0;
        if (value.IsElement)
        {
            // An input array is walked in place, not copied.
            foreach (var item in value.Element.EnumerateArray())
            {
                Item(b, format, level, i++);
                Write(b, JqValue.FromElement(item), format, level + 1);
            }
        }
        else
        {
            foreach (var item in value.AsArray().Span)
            {
                Item(b, format, level, i++);
                Write(b, item, format, level + 1);
            }
        }

        NewLine(b, format, level);
        b.Append(']');
    }

    private static void Item(StringBuilder b, JqJsonFormat format, int level, int i)
    {
        if (i > 0)
        {
            b.Append(',');
        }

        NewLine(b, format, level + 1);
    }

    private static void WriteObject(StringBuilder b, JqValue value, JqJsonFormat format, int level)
    {
        var o = value.AsObject();
        if (o.Count == 0)
        {
            b.Append("{}");
            return;
        }

        var order = Enumerable.Range(0, o.Count).ToArray();
        if (format.SortKeys)
        {
            Array.Sort(order, (x, y) => JqCompare.CompareStrings(o.KeyAt(x), o.KeyAt(y)));
        }

        b.Append('{');
        var first = true;
        foreach (var i in order)
        {
            if (!first)
            {
                b.Append(',');
            }

            first = false;
            NewLine(b, format, level + 1);
            WriteString(b, o.KeyAt(i));
            b.Append(format.Pretty ? ": " : ":");
            Write(b, o.ValueAt(i), format, level + 1);
        }

        NewLine(b, format, level);
        b.Append('}');
    }

    private static void NewLine(StringBuilder b, JqJsonFormat format, int level)
    {
        if (!format.Pretty)
        {
            return;
        }

        b.Append('\n');
        if (format.Tab)
        {
            b.Append('\t', level);
        }
        else
        {
            b.Append(' ', level * format.Indent);
        }
    }
}

/// <summary>How to lay out JSON text: <c>Indent</c> 0 is compact (jq's <c>-c</c> and <c>tojson</c>).</summary>
public sealed record JqJsonFormat(int Indent, bool SortKeys, bool Tab = false)
{
    public bool Pretty => Indent > 0 || Tab;
}
