namespace Runner.Domain.Jq.Runtime;

internal static partial class Builtins
{
    private static void AddStringFunctions(Dictionary<string, Func<Node[], Node>> d)
    {
        Fn(d, "ascii_downcase", (_, v) => v.Kind == JqKind.String ? new JqValue(Strings.AsciiCase(v.AsString(), upper: false)) : throw Errors.Error("explode input must be a string"));
        Fn(d, "ascii_upcase", (_, v) => v.Kind == JqKind.String ? new JqValue(Strings.AsciiCase(v.AsString(), upper: true)) : throw Errors.Error("explode input must be a string"));
        Fn(d, "explode", (_, v) => v.Kind == JqKind.String ? Strings.Explode(v.AsString()) : throw Errors.Type(v, "cannot be exploded, as it is not a string"));
        Fn(d, "implode", (_, v) => Strings.Implode(v));
        Fn(d, "ltrimstr", (_, v, p) => v.Kind == JqKind.String && p.Kind == JqKind.String && v.AsString().StartsWith(p.AsString(), StringComparison.Ordinal)
            ? new JqValue(v.AsString()[p.AsString().Length..])
            : v);
        Fn(d, "rtrimstr", (_, v, p) => v.Kind == JqKind.String && p.Kind == JqKind.String && v.AsString().EndsWith(p.AsString(), StringComparison.Ordinal) && p.AsString().Length > 0
            ? new JqValue(v.AsString()[..^p.AsString().Length])
            : v);
        Fn(d, "startswith", (_, v, p) => v.Kind == JqKind.String && p.Kind == JqKind.String
            ? JqValue.Bool(v.AsString().StartsWith(p.AsString(), StringComparison.Ordinal))
            : throw Errors.Error("startswith() requires string inputs"));
        Fn(d, "endswith", (_, v, p) => v.Kind == JqKind.String && p.Kind == JqKind.String
            ? JqValue.Bool(v.AsString().EndsWith(p.AsString(), StringComparison.Ordinal))
            : throw Errors.Error("endswith() requires string inputs"));
        Fn(d, "trim", (_, v) => v.Kind == JqKind.String ? new JqValue(v.AsString().Trim(Whitespace)) : throw Errors.Error("trim input must be a string"));
        Fn(d, "ltrim", (_, v) => v.Kind == JqKind.String ? new JqValue(v.AsString().TrimStart(Whitespace)) : throw Errors.Error("trim input must be a string"));
        Fn(d, "rtrim", (_, v) => v.Kind == JqKind.String ? new JqValue(v.AsString().TrimEnd(Whitespace)) : throw Errors.Error("trim input must be a string"));
        Fn(d, "split", (c, v, s) => v.Kind == JqKind.String && s.Kind == JqKind.String
            ? Strings.Split(c, v.AsString(), s.AsString())
            : throw Errors.Error("split input and separator must be strings"));
    }

    private static readonly char[] Whitespace = [' ', '\t', '\n', '\r', '\f', '\v'];
}
