using System.Globalization;
using System.Text;

namespace Runner.Domain.Jq.Runtime;

/// <summary><c>@text @json @html @uri @csv @tsv @sh @base64 @base64d @base32 @base32d</c>.</summary>
internal static class Formats
{
    private static readonly string[] Names = ["text", "json", "html", "uri", "csv", "tsv", "sh", "base64", "base64d", "base32", "base32d"];

    public static void Check(string name)
    {
        if (Array.IndexOf(Names, name) < 0)
        {
            throw new JqCompileException($"{name} is not a valid format");
        }
    }

    public static string Apply(Context c, string format, JqValue value)
    {
        var result = format switch
        {
            "text" => Strings.ToText(value),
            "json" => JqJson.Serialize(value),
            "html" => Html(Strings.ToText(value)),
            "uri" => Uri(Strings.ToText(value)),
            "csv" => Csv(value),
            "tsv" => Tsv(value),
            "sh" => Shell(value),
            "base64" => Convert.ToBase64String(Encoding.UTF8.GetBytes(Strings.ToText(value))),
            "base64d" => Base64Decode(Strings.ToText(value)),
            "base32" => Base32(Encoding.UTF8.GetBytes(Strings.ToText(value))),
            "base32d" => Base32Decode(Strings.ToText(value)),
            _ => throw Errors.Error($"{format} is not a valid format"),
        };
        c.Allocate(2L * result.Length);
        return result;
    }

    private static string Html(string s)
    {
        var b = new StringBuilder(s.Length);
        foreach (var ch in s)
        {
            b.Append(ch switch
            {
                '<' => "&lt;",
                '>' => "&gt;",
                '&' => "&amp;",
                '\'' => "&apos;",
                '"' => "&quot;",
                _ => ch.ToString(),
            });
        }

        return b.ToString();
    }

    private static string Uri(string s)
    {
        var b = new StringBuilder(s.Length);
        foreach (var by in Encoding.UTF8.GetBytes(s))
        {
            var ch = (char)by;
            if (char.IsAsciiLetterOrDigit(ch) || ch is '-' or '_' or '.' or '~')
            {
                b.Append(ch);
            }
            else
            {
                b.Append('%').Append(by.ToString("X2", CultureInfo.InvariantCulture));
            }
        }

        return b.ToString();
    }

    private static IEnumerable<JqValue> Row(JqValue value, string format)
    {
        if (value.Kind != JqKind.Array)
        {
            throw Errors.Type(value, $"cannot be {format}-formatted, only array");
        }

        return value.AsArray().ToArray();
    }

    private static string Csv(JqValue value) => string.Join(',', Row(value, "csv").Select(x => x.Kind switch
    {
        JqKind.Number => JqNumbers.Format(x),
        JqKind.String => "\"" + x.AsString().Replace("\"", "\"\"", StringComparison.Ordinal) + "\"",
        JqKind.True => "true",
        JqKind.False => "false",
        JqKind.Null => "",
        _ => throw Errors.Type(x, "is not valid in a csv row"),
    }));

    private static string Tsv(JqValue value) => string.Join('\t', Row(value, "tsv").Select(x => x.Kind switch
    {
        JqKind.Number => JqNumbers.Format(x),
        JqKind.String => x.AsString().Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\t", "\\t", StringComparison.Ordinal)
            .Replace("\r", "\\r", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal),
        JqKind.True => "true",
        JqKind.False => "false",
        JqKind.Null => "",
        _ => throw Errors.Type(x, "is not valid in a tsv row"),
    }));

    private static string Shell(JqValue value)
    {
        var items = value.Kind == JqKind.Array ? value.AsArray().ToArray() : [value];
        return string.Join(' ', items.Select(x => x.Kind switch
        {
            JqKind.String => "'" + x.AsString().Replace("'", "'\\''", StringComparison.Ordinal) + "'",
            JqKind.Array or JqKind.Object => throw Errors.Type(x, "can not be escaped for shell"),
            _ => JqJson.Serialize(x),
        }));
    }

    private static string Base64Decode(string s)
    {
        var trimmed = s.TrimEnd('=');
        var padded = trimmed + new string('=', (4 - (trimmed.Length % 4)) % 4);
        try
        {
            if (trimmed.Length % 4 == 1)
            {
                throw new FormatException();
            }

            return Encoding.UTF8.GetString(Convert.FromBase64String(padded));
        }
        catch (FormatException)
        {
            throw Errors.Type(new JqValue(s), "is not valid base64 data");
        }
    }

    private const string Base32Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    private static string Base32(byte[] bytes)
    {
        var b = new StringBuilder((bytes.Length + 4) / 5 * 8);
        for (var i = 0; i < bytes.Length; i += 5)
        {
            var n = Math.Min(5, bytes.Length - i);
            ulong buffer = 0;
            for (var j = 0; j < 5; j++)
            {
                buffer = (buffer << 8) | (j < n ? bytes[i + j] : (byte)0);
            }

            var chars = (n * 8 + 4) / 5;
            for (var j = 0; j < 8; j++)
            {
                b.Append(j < chars ? Base32Alphabet[(int)((buffer >> (35 - j * 5)) & 31)] : '=');
            }
        }

        return b.ToString();
    }

    private static string Base32Decode(string s)
    {
        var bytes = new List<byte>();
        ulong buffer = 0;
        var bits = 0;
        foreach (var ch in s.TrimEnd('='))
        {
            var v = Base32Alphabet.IndexOf(char.ToUpperInvariant(ch), StringComparison.Ordinal);
            if (v < 0)
            {
                throw Errors.Type(new JqValue(s), "is not valid base32 data");
            }

            buffer = (buffer << 5) | (uint)v;
            bits += 5;
            if (bits >= 8)
            {
                bits -= 8;
                bytes.Add((byte)(buffer >> bits));
            }
        }

        return Encoding.UTF8.GetString([.. bytes]);
    }
}
