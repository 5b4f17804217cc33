using System.Text;

namespace Runner.Domain.Jq.Runtime;

/// <summary>jq 1.7.1's error texts, built in one place so their wording stays exact.</summary>
internal static class Errors
{
    public static string KindName(JqKind kind) => kind switch
    {
        JqKind.Null => "null",
        JqKind.False or JqKind.True => "boolean",
        JqKind.Number => "number",
        JqKind.String => "string",
        JqKind.Array => "array",
        _ => "object",
    };

    /// <summary>A value as jq shows it in messages: compact JSON cut to 11 bytes plus "..." when longer than 14.</summary>
    public static string Dump(JqValue value)
    {
        var text = JqJson.Serialize(value);
        var bytes = Encoding.UTF8.GetBytes(text);
        if (bytes.Length <= 14)
        {
            return text;
        }

        var cut = 11;
        while (cut > 0 && (bytes[cut] & 0xC0) == 0x80)
        {
            cut--;
        }

        return Encoding.UTF8.GetString(bytes, 0, cut) + "...";
    }

    /// <summary>"number (1)" — the kind and the cut-down value.</summary>
    public static string Describe(JqValue value) => $"{KindName(value.Kind)} ({Dump(value)})";

    public static JqException Error(string message) => new(new JqValue(message));

    public static JqException Binary(JqValue a, JqValue b, string what) => Error($"{Describe(a)} and {Describe(b)} {what}");

    public static JqException CannotIndex(JqValue target, JqValue key) => key.Kind == JqKind.String
        ? Error($"Cannot index {KindName(target.Kind)} with \"{key.AsString()}\"")
        : Error($"Cannot index {KindName(target.Kind)} with {KindName(key.Kind)}");

    public static JqException CannotIterate(JqValue value) => Error($"Cannot iterate over {Describe(value)}");

    public static JqException InvalidPath(JqValue value) => Error($"Invalid path expression with result {Dump(value)}");

    public static JqException Type(JqValue value, string what) => Error($"{Describe(value)} {what}");
}
