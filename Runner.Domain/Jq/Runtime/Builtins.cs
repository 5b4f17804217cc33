using System.Collections.Frozen;

namespace Runner.Domain.Jq.Runtime;

/// <summary>
/// Every builtin by name/arity: natives (C#, for what mappings use most and what needs loops) first,
/// then the jq-defined library (<see cref="Library"/>), compiled once per process and shared.
/// </summary>
internal static partial class Builtins
{
    private static readonly FrozenDictionary<string, Func<Node[], Node>> Natives = BuildNatives().ToFrozenDictionary(StringComparer.Ordinal);

    public static IEnumerable<string> Names => Natives.Keys.Concat(Library.Names).Where(n => !n.StartsWith('_')).Distinct();

    public static Node? Create(string name, Node[] args, bool fromLibrary)
    {
        var key = $"{name}/{args.Length}";
        if (Natives.TryGetValue(key, out var factory))
        {
            return factory(args);
        }

        if (Library.Get(key) is { } function)
        {
            return new CallNode(function, -1, args);
        }

        _ = fromLibrary;
        return null;
    }

    public static Node Recurse(Node? children) => new RecurseNode(children);

    public static Node Environment() => new EnvironmentNode();

    private static Dictionary<string, Func<Node[], Node>> BuildNatives()
    {
        var d = new Dictionary<string, Func<Node[], Node>>(StringComparer.Ordinal)
        {
            ["empty/0"] = _ => EmptyNode.Instance,
            ["error/0"] = _ => new ErrorNode(null),
            ["error/1"] = a => new ErrorNode(a[0]),
            ["not/0"] = _ => new Fn0Node((_, v) => JqValue.Bool(!v.IsTruthy)),
            ["select/1"] = a => new SelectNode(a[0]),
            ["map/1"] = a => new MapNode(a[0]),
            ["recurse/0"] = _ => new RecurseNode(null),
            ["recurse/1"] = a => new RecurseNode(a[0]),
            ["path/1"] = a => new PathNode(a[0]),
            ["getpath/1"] = a => new GetPathNode(a[0]),
            ["setpath/2"] = a => new Fn2Node(a[0], a[1], (c, v, p, x) => Paths.Set(c, v, p, x)),
            ["delpaths/1"] = a => new Fn1Node(a[0], (c, v, p) => Paths.Delete(c, v, p)),
            ["limit/2"] = a => new LimitNode(a[0], a[1]),
            ["first/1"] = a => new FirstNode(a[0]),
            ["isempty/1"] = a => new IsEmptyNode(a[0]),
            ["until/2"] = a => new LoopNode("until", a[0], a[1]),
            ["while/2"] = a => new LoopNode("while", a[0], a[1]),
            ["repeat/1"] = a => new LoopNode("repeat", null, a[0]),
            ["range/1"] = a => new RangeNode(new LiteralNode(new JqValue(0)), a[0], null),
            ["range/2"] = a => new RangeNode(a[0], a[1], null),
            ["range/3"] = a => new RangeNode(a[0], a[1], a[2]),
            ["env/0"] = _ => new EnvironmentNode(),
            ["builtins/0"] = _ => new Fn0Node((_, _) => new JqValue(JqArray.From(Names.Select(n => new JqValue(n)).ToArray()))),
            ["input_filename/0"] = _ => new LiteralNode(JqValue.Null),
            ["input_line_number/0"] = _ => new LiteralNode(new JqValue(0)),
            ["have_literal_numbers/0"] = _ => new LiteralNode(JqValue.True),
            ["have_decnum/0"] = _ => new LiteralNode(JqValue.False),
            ["debug/0"] = _ => IdentityNode.Instance,
            ["debug/1"] = _ => IdentityNode.Instance,
            ["stderr/0"] = _ => IdentityNode.Instance,
            ["input/0"] = _ => new Fn0Node((_, _) => throw Errors.Error("No more inputs")),
            ["inputs/0"] = _ => EmptyNode.Instance,
            ["halt/0"] = _ => new Fn0Node((_, _) => throw new JqHaltException(0, null)),
            ["halt_error/0"] = _ => new Fn0Node((_, v) => throw new JqHaltException(5, v)),
            ["halt_error/1"] = a => new Fn1Node(a[0], (_, v, code) => throw new JqHaltException(code.Kind == JqKind.Number ? (int)code.Number : 5, v)),
            ["format/1"] = a => new Fn1Node(a[0], (c, v, f) =>
            {
                if (f.Kind != JqKind.String)
                {
                    throw Errors.Type(f, "is not a valid format");
                }

                return new JqValue(Formats.Apply(c, f.AsString(), v));
            }),
            ["sort_by/1"] = a => new ByNode(a[0], (c, _, pairs) => SortBy(pairs)),
            ["group_by/1"] = a => new ByNode(a[0], (c, _, pairs) => GroupBy(pairs)),
            ["unique_by/1"] = a => new ByNode(a[0], (c, _, pairs) => UniqueBy(pairs)),
            ["min_by/1"] = a => new ByNode(a[0], (c, _, pairs) => MinBy(pairs, max: false)),
            ["max_by/1"] = a => new ByNode(a[0], (c, _, pairs) => MinBy(pairs, max: true)),
        };

        AddValueFunctions(d);
        AddStringFunctions(d);
        AddMath(d);
        AddRegex(d);
        AddDates(d);
        return d;
    }

    private static void Fn(Dictionary<string, Func<Node[], Node>> d, string name, Func<Context, JqValue, JqValue> f) =>
        d[name + "/0"] = _ => new Fn0Node(f);

    private static void Fn(Dictionary<string, Func<Node[], Node>> d, string name, Func<Context, JqValue, JqValue, JqValue> f) =>
        d[name + "/1"] = a => new Fn1Node(a[0], f);

    private static void Fn(Dictionary<string, Func<Node[], Node>> d, string name, Func<Context, JqValue, JqValue, JqValue, JqValue> f) =>
        d[name + "/2"] = a => new Fn2Node(a[0], a[1], f);

    private static void Fn(Dictionary<string, Func<Node[], Node>> d, string name, Func<Context, JqValue, JqValue, JqValue, JqValue, JqValue> f) =>
        d[name + "/3"] = a => new Fn3Node(a[0], a[1], a[2], f);
}

/// <summary><c>halt</c> and <c>halt_error</c>: end the program with an exit code (the CLI's concern).</summary>
public sealed class JqHaltException(int exitCode, JqValue? value) : Exception("halt")
{
    public int ExitCode { get; } = exitCode;

    public JqValue? Value { get; } = value;
}
