using System.Buffers;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace Runner.Domain.Jq;

/// <summary>
/// Writes values as UTF-8 in jq's layout (the same text as <see cref="JqJson.Write"/>) into a reusable buffer,
/// for output that goes straight to a stream. Values still in their input document are written from its
/// bytes: a string without escapes is copied as it was read, and arrays and objects are walked in place.
/// </summary>
public sealed class JqJsonWriter(JqJsonFormat format)
{
    // What jq escapes in a string: quote, backslash, control characters and DEL.
    private static readonly SearchValues<char> Escaped = SearchValues.Create("\"\\\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\b\t\n\u000b\f\r\u000e\u000f\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001a\u001b\u001c\u001d\u001e\u001f\u007f");
    private static readonly SearchValues<byte> EscapedAscii = SearchValues.Create("\"\\\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\b\t\n\u000b\f\r\u000e\u000f\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001a\u001b\u001c\u001d\u001e\u001f\u007f"u8);
    private static readonly SearchValues<byte> RawUnsafe = SearchValues.Create("\\\u007f"u8);

    private readonly ArrayBufferWriter<byte> buffer = new(1 << 16);

    public int Length => buffer.WrittenCount;

    public ReadOnlySpan<byte> Written => buffer.WrittenSpan;

    public void Clear() => buffer.ResetWrittenCount();

    public void Write(JqValue value) => Write(value, 0);

    public void WriteRaw(ReadOnlySpan<byte> utf8) => buffer.Write(utf8);

    /// <summary>A .NET string as UTF-8 without quotes or escapes (jq's <c>-r</c>).</summary>
    public void WriteText(string text)
    {
        var span = buffer.GetSpan(Encoding.UTF8.GetMaxByteCount(text.Length));
        buffer.Advance(Encoding.UTF8.GetBytes(text, span));
    }

    private void Write(JqValue value, int level)
    {
        JqStack.Ensure();
        switch (value.Kind)
        {
            case JqKind.Null:
                buffer.Write("null"u8);
                break;
            case JqKind.False:
                buffer.Write("false"u8);
                break;
            case JqKind.True:
                buffer.Write("true"u8);
                break;
            case JqKind.Number:
                WriteNumber(value);
                break;
            case JqKind.String when value.IsElement:
                var raw = JsonMarshal.GetRawUtf8Value(value.Element);
                if (raw.IndexOfAny(RawUnsafe) < 0)
                {
                    buffer.Write(raw);
                }
                else
                {
                    WriteString(value.AsString());
                }

                break;
            case JqKind.String:
                WriteString(value.AsString());
                break;
            case JqKind.Array:
                WriteArray(value, level);
                break;
            default:
                if (!value.IsElement || !TryWriteElementObject(value.Element, level))
                {
                    WriteObject(value.AsObject(), level);
                }

                break;
        }
    }

    private void WriteNumber(JqValue value)
    {
        if (value.IsElement)
        {
            // An integer literal prints as it was read (jq 1.7.1 keeps literals; JSON has no leading zeros).
            var raw = JsonMarshal.GetRawUtf8Value(value.Element);
            if (JqNumbers.IsPlainInteger(raw))
            {
                buffer.Write(raw);
                return;
            }
        }

        WriteAscii(JqNumbers.Format(value));
    }

    private void WriteAscii(string text)
    {
        var span = buffer.GetSpan(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            span[i] = (byte)text[i];
        }

        buffer.Advance(text.Length);
    }

    public void WriteString(string s)
    {
        // Most strings (keys, identifiers, URLs) are ASCII without escapes: narrowed in one pass, between quotes.
        var quoted = buffer.GetSpan(s.Length + 2);
        if (Ascii.FromUtf16(s, quoted[1..], out var narrowed) == OperationStatus.Done && quoted.Slice(1, narrowed).IndexOfAny(EscapedAscii) < 0)
        {
            quoted[0] = (byte)'"';
            quoted[narrowed + 1] = (byte)'"';
            buffer.Advance(narrowed + 2);
            return;
        }

        buffer.Write("\""u8);
        var rest = s.AsSpan();
        while (true)
        {
            var next = rest.IndexOfAny(Escaped);
            var plain = next < 0 ? rest : rest[..next];
            if (!plain.IsEmpty)
            {
                // Runs end only at ASCII characters, so a surrogate pair is never split (a lone one becomes U+FFFD, as jq).
                var span = buffer.GetSpan(Encoding.UTF8.GetMaxByteCount(plain.Length));
                buffer.Advance(Encoding.UTF8.GetBytes(plain, span));
            }

            if (next < 0)
            {
                break;
            }

            WriteEscape(rest[next]);
            rest = rest[(next + 1)..];
        }

        buffer.Write("\""u8);
    }

    private void WriteEscape(char c)
    {
        switch (c)
        {
            case '"':
                buffer.Write("\\\""u8);
                break;
            case '\\':
                buffer.Write("\\\\"u8);
                break;
            case '\n':
                buffer.Write("\\n"u8);
                break;
            case '\t':
                buffer.Write("\\t"u8);
                break;
            case '\r':
                buffer.Write("\\r"u8);
                break;
            case '\b':
                buffer.Write("\\b"u8);
                break;
            case '\f':
                buffer.Write("\\f"u8);
                break;
            default:
                WriteAscii("\\u" + ((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture));
                break;
        }
    }

    private void WriteArray(JqValue value, int level)
    {
        if (value.Count == 0)
        {
            buffer.Write("[]"u8);
            return;
        }

        buffer.Write("["u8);
        var first = true;
        if (value.IsElement)
        {
            foreach (var item in value.Element.EnumerateArray())
            {
                Item(ref first, level);
                Write(JqValue.FromElement(item), level + 1);
            }
        }
        else
        {
            foreach (var item in value.AsArray().Span)
            {
                Item(ref first, level);
                Write(item, level + 1);
            }
        }

        NewLine(level);
        buffer.Write("]"u8);
    }

    private void Item(ref bool first, int level)
    {
        if (!first)
        {
            buffer.Write(","u8);
        }

        first = false;
        NewLine(level + 1);
    }

    // In place when the keys print as read and none repeats (jq keeps a repeated key's last value, at its first place).
    private bool TryWriteElementObject(JsonElement element, int level)
    {
        if (format.SortKeys)
        {
            return false;
        }

        var count = element.GetPropertyCount();
        if (count == 0)
        {
            buffer.Write("{}"u8);
            return true;
        }

        if (count > 32)
        {
            return false;
        }

        var index = 0;
        foreach (var property in element.EnumerateObject())
        {
            var name = JsonMarshal.GetRawUtf8PropertyName(property);
            if (name.IndexOfAny(RawUnsafe) >= 0)
            {
                return false;
            }

            var j = 0;
            foreach (var other in element.EnumerateObject())
            {
                if (j++ == index)
                {
                    break;
                }

                if (JsonMarshal.GetRawUtf8PropertyName(other).SequenceEqual(name))
                {
                    return false;
                }
            }

            index++;
        }

        buffer.Write("{"u8);
        var first = true;
        foreach (var property in element.EnumerateObject())
        {
            Item(ref first, level);
            buffer.Write("\""u8);
            buffer.Write(JsonMarshal.GetRawUtf8PropertyName(property));
            buffer.Write(format.Pretty ? "\": "u8 : "\":"u8);
            Write(JqValue.FromElement(property.Value), level + 1);
        }

        NewLine(level);
        buffer.Write("}"u8);
        return true;
    }

    private void WriteObject(JqObject o, int level)
    {
        if (o.Count == 0)
        {
            buffer.Write("{}"u8);
            return;
        }

        int[]? order = null;
        if (format.SortKeys)
        {
            order = [.. Enumerable.Range(0, o.Count)];
            Array.Sort(order, (x, y) => JqCompare.CompareStrings(o.KeyAt(x), o.KeyAt(y)));
        }

        buffer.Write("{"u8);
        var first = true;
        for (var n = 0; n < o.Count; n++)
        {
            var i = order?[n] ?? n;
            Item(ref first, level);
            WriteString(o.KeyAt(i));
            buffer.Write(format.Pretty ? ": "u8 : ":"u8);
            Write(o.ValueAt(i), level + 1);
        }

        NewLine(level);
        buffer.Write("}"u8);
    }

    private void NewLine(int level)
    {
        if (!format.Pretty)
        {
            return;
        }

        buffer.Write("\n"u8);
        var width = format.Tab ? level : level * format.Indent;
        var span = buffer.GetSpan(width);
        span[..width].Fill(format.Tab ? (byte)'\t' : (byte)' ');
        buffer.Advance(width);
    }
}
