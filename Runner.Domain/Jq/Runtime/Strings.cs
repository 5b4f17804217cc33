using System.Text;

namespace Runner.Domain.Jq.Runtime;

/// <summary>String helpers in jq's terms: lengths and offsets count code points, not UTF-16 units.</summary>
internal static class Strings
{
    public static int CodePointCount(string s)
    {
        var n = s.Length;
        foreach (var ch in s)
        {
            if (char.IsLowSurrogate(ch))
            {
                n--;
            }
        }

        return n;
    }

    /// <summary>UTF-16 index of a code point offset.</summary>
    public static int CharIndex(string s, int codePoints)
    {
        var i = 0;
        for (var n = 0; n < codePoints && i < s.Length; n++)
        {
            i += char.IsHighSurrogate(s[i]) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]) ? 2 : 1;
        }

        return i;
    }

    /// <summary>Code point offset of a UTF-16 index.</summary>
    public static int CodePointIndex(string s, int charIndex)
    {
        var n = charIndex;
        for (var i = 0; i < charIndex && i < s.Length; i++)
        {
            if (char.IsLowSurrogate(s[i]))
            {
                n--;
            }
        }

        return n;
    }

    public static string SubstringByCodePoints(string s, int start, int length)
    {
        var from = CharIndex(s, start);
        var to = CharIndex(s, start + length);
        return s[from..to];
    }

    public static JqValue Split(Context c, string s, string separator)
    {
        if (s.Length == 0)
        {
            return new JqValue(JqArray.Empty);
        }

        var parts = new List<JqValue>();
        if (separator.Length == 0)
        {
            var i = 0;
            while (i < s.Length)
            {
                var len = char.IsHighSurrogate(s[i]) && i + 1 < s.Length ? 2 : 1;
                parts.Add(new JqValue(s.Substring(i, len)));
                i += len;
            }
        }
        else
        {
            var split = s.Split(separator);
            var items = new JqValue[split.Length];
            for (var i = 0; i < split.Length; i++)
            {
                items[i] = new JqValue(split[i]);
            }

            c.Allocate(2L * s.Length + 16L * items.Length);
            return new JqValue(JqArray.From(items));
        }

        c.Allocate(2L * s.Length + 16L * parts.Count);
        return new JqValue(JqArray.From(parts));
    }

    public static JqValue Explode(string s)
    {
        var points = new List<JqValue>(s.Length);
        for (var i = 0; i < s.Length; i++)
        {
            if (char.IsHighSurrogate(s[i]) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
            {
                points.Add(new JqValue(char.ConvertToUtf32(s[i], s[i + 1])));
                i++;
            }
            else
            {
                points.Add(new JqValue(char.IsSurrogate(s[i]) ? 0xFFFD : s[i]));
            }
        }

        return new JqValue(JqArray.From(points));
    }

    public static JqValue Implode(JqValue input)
    {
        if (input.Kind != JqKind.Array)
        {
            throw Errors.Error("Implode input must be an array");
        }

        var b = new StringBuilder(input.Count);
        foreach (var point in input.AsArray().Span)
        {
            if (point.Kind != JqKind.Number)
            {
                throw Errors.Error("Unicode codepoint must be numeric");
            }

            var code = (long)point.Number;
            // jq 1.7.1 replaces what is not a Unicode scalar value.
            if (code < 0 || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF))
            {
                throw Errors.Error("Invalid codepoint literal");
            }

            b.Append(char.ConvertFromUtf32((int)code));
        }

        return new JqValue(b.ToString());
    }

    public static string AsciiCase(string s, bool upper)
    {
        var chars = s.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            var ch = chars[i];
            if (upper && ch is >= 'a' and <= 'z')
            {
                chars[i] = (char)(ch - 32);
            }
            else if (!upper && ch is >= 'A' and <= 'Z')
            {
                chars[i] = (char)(ch + 32);
            }
        }

        return new string(chars);
    }

    /// <summary>Code point offsets of every (overlapping) occurrence of a non-empty needle.</summary>
    public static JqValue Indices(string s, string needle)
    {
        var result = new List<JqValue>();
        if (needle.Length == 0)
        {
            return new JqValue(JqArray.Empty);
        }

        var i = s.IndexOf(needle, StringComparison.Ordinal);
        while (i >= 0)
        {
            result.Add(new JqValue(CodePointIndex(s, i)));
            i = s.IndexOf(needle, i + 1, StringComparison.Ordinal);
        }

        return new JqValue(JqArray.From(result));
    }

    public static string ToText(JqValue value) => value.Kind == JqKind.String ? value.AsString() : JqJson.Serialize(value);
}
