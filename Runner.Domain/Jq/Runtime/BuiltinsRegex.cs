using System.Collections.Concurrent;
using System.Text;
using System.Text.RegularExpressions;

namespace Runner.Domain.Jq.Runtime;

/// <summary>
/// jq's regex builtins over .NET regular expressions with jq's Oniguruma settings (Perl syntax, single
/// line: <c>^</c> only at the start; <c>p</c> lets <c>.</c> match a newline), named groups make plain groups
/// non-capturing, offsets count code points. Flags: g i x n s p l.
/// </summary>
internal static partial class Builtins
{
    private static readonly ConcurrentDictionary<(string, RegexOptions), Regex> RegexCache = new();
    private static readonly TimeSpan RegexTimeout = TimeSpan.FromSeconds(1);

    private sealed record RegexCall(Regex Regex, bool Global, bool SkipEmpty);

    private static void AddRegex(Dictionary<string, Func<Node[], Node>> d)
    {
        Fn(d, "test", (_, v, re) => re.Kind == JqKind.Array && re.Count > 0
            ? Test(v, re.Index(0), re.Index(1))
            : Test(v, RegexArg(re), JqValue.Null));
        Fn(d, "test", (_, v, re, flags) => Test(v, re, flags));
        d["match/1"] = a => new GeneratorNode(a, (c, v, x, k) => MatchArg(c, v, x[0], k));
        d["match/2"] = a => new GeneratorNode(a, (c, v, x, k) => Each(Matches(v, x[0], x[1], ""), k));
        d["capture/1"] = a => new GeneratorNode(a, (c, v, x, k) => Each(Matches(v, RegexArg(x[0]), JqValue.Null, "").Select(Capture), k));
        d["capture/2"] = a => new GeneratorNode(a, (c, v, x, k) => Each(Matches(v, x[0], x[1], "").Select(Capture), k));
        d["scan/1"] = a => new GeneratorNode(a, (c, v, x, k) => Each(Matches(v, x[0], JqValue.Null, "g").Select(Scan), k));
        d["scan/2"] = a => new GeneratorNode(a, (c, v, x, k) => Each(Matches(v, x[0], x[1], "g").Select(Scan), k));
        Fn(d, "split", (c, v, re, flags) => SplitRegex(c, v, re, flags));
        d["splits/1"] = a => new GeneratorNode(a, (c, v, x, k) => IterateNode.Each(c, SplitRegex(c, v, x[0], JqValue.Null), k));
        d["splits/2"] = a => new GeneratorNode(a, (c, v, x, k) => IterateNode.Each(c, SplitRegex(c, v, x[0], x[1]), k));
        d["sub/2"] = a => new SubNode(a[0], a[1], null, global: false);
        d["sub/3"] = a => new SubNode(a[0], a[1], a[2], global: false);
        d["gsub/2"] = a => new SubNode(a[0], a[1], null, global: true);
        d["gsub/3"] = a => new SubNode(a[0], a[1], a[2], global: true);
    }

    private static int Each(IEnumerable<JqValue> values, Emit k)
    {
        foreach (var v in values)
        {
            var flow = k(v);
            if (flow != Flow.Continue)
            {
                return flow;
            }
        }

        return Flow.Continue;
    }

    // The one-argument forms take a regex or [regex, flags], as jq's definitions check.
    private static JqValue RegexArg(JqValue re) => re.Kind == JqKind.String
        ? re
        : throw Errors.Error($"{Errors.KindName(re.Kind)} not a string or array");

    private static int MatchArg(Context c, JqValue v, JqValue arg, Emit k)
    {
        if (arg.Kind == JqKind.String)
        {
            return Each(Matches(v, arg, JqValue.Null, ""), k);
        }

        if (arg.Kind == JqKind.Array && arg.Count > 0)
        {
            return Each(Matches(v, arg.Index(0), arg.Count > 1 ? arg.Index(1) : JqValue.Null, ""), k);
        }

        throw Errors.Error($"{Errors.KindName(arg.Kind)} not a string or array");
    }

    private static RegexCall Prepare(JqValue input, JqValue re, JqValue flags, string extra)
    {
        if (input.Kind != JqKind.String)
        {
            throw Errors.Type(input, "cannot be matched, as it is not a string");
        }

        if (re.Kind != JqKind.String)
        {
            throw Errors.Type(re, "cannot be matched, as it is not a string");
        }

        if (flags.Kind is not (JqKind.String or JqKind.Null))
        {
            throw Errors.Type(flags, "is not a string");
        }

        var text = (flags.Kind == JqKind.String ? flags.AsString() : "") + extra;
        var options = RegexOptions.CultureInvariant;
        bool global = false, skipEmpty = false;
        foreach (var flag in text)
        {
            switch (flag)
            {
                case 'g': global = true; break;
                case 'i': options |= RegexOptions.IgnoreCase; break;
                case 'x': options |= RegexOptions.IgnorePatternWhitespace; break;
                case 'n': skipEmpty = true; break;
                case 's': break;
                case 'p': options |= RegexOptions.Singleline; break;
                case 'l': break;
                default: throw Errors.Error($"{text} is not a valid modifier string");
            }
        }

        var pattern = re.AsString();
        if (pattern.Contains("(?<", StringComparison.Ordinal) && Regex.IsMatch(pattern, @"\(\?<[A-Za-z_]", RegexOptions.None, RegexTimeout))
        {
            options |= RegexOptions.ExplicitCapture;
        }

        if (RegexCache.Count > 1000)
        {
            RegexCache.Clear();
        }

        try
        {
            var regex = RegexCache.GetOrAdd((pattern, options), key => new Regex(key.Item1, key.Item2, RegexTimeout));
            return new RegexCall(regex, global, skipEmpty);
        }
        catch (ArgumentException e)
        {
            throw Errors.Error($"{pattern} (at offset 0) is not a valid regex: {e.Message}");
        }
    }

    private static JqValue Test(JqValue v, JqValue re, JqValue flags)
    {
        var call = Prepare(v, re, flags, "");
        return JqValue.Bool(Guard(() => call.Regex.IsMatch(v.AsString())));
    }

    private static T Guard<T>(Func<T> f)
    {
        try
        {
            return f();
        }
        catch (RegexMatchTimeoutException)
        {
            throw new JqBudgetException("regex time budget exceeded");
        }
    }

    private static List<(Match Match, Regex Regex, string Input)> RawMatches(JqValue v, JqValue re, JqValue flags, string extra)
    {
        var call = Prepare(v, re, flags, extra);
        var s = v.AsString();
        return Guard(() =>
        {
            // jq's loop: after an empty match move on one character, and stop once the end is reached.
            var list = new List<(Match, Regex, string)>();
            var start = 0;
            do
            {
                var m = call.Regex.Match(s, start);
                if (!m.Success)
                {
                    break;
                }

                if (!(call.SkipEmpty && m.Length == 0))
                {
                    list.Add((m, call.Regex, s));
                }

                start = m.Length == 0 ? m.Index + 1 : m.Index + m.Length;
            }
            while (call.Global && start < s.Length);

            return list;
        });
    }

    private static IEnumerable<JqValue> Matches(JqValue v, JqValue re, JqValue flags, string extra) =>
        RawMatches(v, re, flags, extra).Select(x => MatchObject(x.Match, x.Regex, x.Input));

    private static JqValue MatchObject(Match m, Regex regex, string s)
    {
        var o = new JqObject(4);
        o.Set("offset", new JqValue(Strings.CodePointIndex(s, m.Index)));
        o.Set("length", new JqValue(Strings.CodePointCount(m.Value)));
        o.Set("string", new JqValue(m.Value));
        var captures = new List<JqValue>();
        var names = regex.GetGroupNames();
        for (var g = 1; g < m.Groups.Count; g++)
        {
            var group = m.Groups[g];
            var capture = new JqObject(4);
            capture.Set("offset", group.Success ? new JqValue(Strings.CodePointIndex(s, group.Index)) : new JqValue(-1));
            capture.Set("length", group.Success ? new JqValue(Strings.CodePointCount(group.Value)) : new JqValue(0));
            capture.Set("string", group.Success ? new JqValue(group.Value) : JqValue.Null);
            var name = names[g];
            capture.Set("name", int.TryParse(name, out _) ? JqValue.Null : new JqValue(name));
            captures.Add(new JqValue(capture));
        }

        o.Set("captures", new JqValue(JqArray.From(captures)));
        return new JqValue(o);
    }

    private static JqValue Capture(JqValue match)
    {
        var o = new JqObject(4);
        foreach (var capture in match.Field("captures").AsArray().Span)
        {
            if (capture.Field("name") is { Kind: JqKind.String } name)
            {
                o.Set(name.AsString(), capture.Field("string"));
            }
        }

        return new JqValue(o);
    }

    private static JqValue Scan(JqValue match)
    {
        var captures = match.Field("captures").AsArray();
        if (captures.Count == 0)
        {
            return match.Field("string");
        }

        return new JqValue(JqArray.From(captures.ToArray().Select(x => x.Field("string")).ToArray()));
    }

    private static JqValue SplitRegex(Context c, JqValue v, JqValue re, JqValue flags)
    {
        var s = v.Kind == JqKind.String ? v.AsString() : "";
        var parts = new List<JqValue>();
        var previous = 0;
        foreach (var (m, _, _) in RawMatches(v, re, flags, "g"))
        {
            parts.Add(new JqValue(s[previous..m.Index]));
            previous = m.Index + m.Length;
        }

        parts.Add(new JqValue(s[previous..]));
        c.Allocate(2L * s.Length + 16L * parts.Count);
        return new JqValue(JqArray.From(parts));
    }

    /// <summary><c>sub/gsub</c>: the replacement runs with the named captures as input; several outputs give several strings.</summary>
    private sealed class SubNode(Node re, Node replacement, Node? flags, bool global) : Node
    {
        public override int Run(Context c, Env? e, JqValue input, Emit k) =>
            c.Run(re, e, input, r => flags is null
                ? Substitute(c, e, input, r, JqValue.Null, k)
                : c.Run(flags, e, input, f => Substitute(c, e, input, r, f, k)));

        private int Substitute(Context c, Env? e, JqValue input, JqValue r, JqValue f, Emit k)
        {
            var matches = RawMatches(input, r, f, global ? "g" : "");
            var s = input.AsString();
            return Build(c, e, s, matches, 0, 0, new StringBuilder(), k);
        }

        private int Build(Context c, Env? e, string s, List<(Match Match, Regex Regex, string Input)> matches, int i, int previous, StringBuilder prefix, Emit k)
        {
            if (i == matches.Count)
            {
                var result = prefix.ToString() + s[previous..];
                c.Allocate(2L * result.Length);
                return k(new JqValue(result));
            }

            var (m, regex, _) = matches[i];
            var captures = Capture(MatchObject(m, regex, s));
            var length = prefix.Length;
            return c.Run(replacement, e, captures, text =>
            {
                if (text.Kind != JqKind.String)
                {
                    throw Errors.Binary(new JqValue(s[previous..m.Index]), text, "cannot be added");
                }

                prefix.Length = length;
                prefix.Append(s, previous, m.Index - previous).Append(text.AsString());
                var flow = Build(c, e, s, matches, i + 1, m.Index + m.Length, prefix, k);
                prefix.Length = length;
                return flow;
            });
        }
    }
}
