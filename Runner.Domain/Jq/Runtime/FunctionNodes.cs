namespace Runner.Domain.Jq.Runtime;

/// <summary>A native builtin of the input alone (jq's cfunction with no arguments).</summary>
internal sealed class Fn0Node(Func<Context, JqValue, JqValue> f) : SimpleNode
{
    public override JqValue Eval(Context c, Env? e, JqValue input) => f(c, input);
}

/// <summary>A native builtin with one value argument; one output per output of the argument.</summary>
internal sealed class Fn1Node(Node a, Func<Context, JqValue, JqValue, JqValue> f) : Node
{
    protected override bool ComputeSimple() => a.IsSimple;

    public override JqValue Eval(Context c, Env? e, JqValue input) => f(c, input, a.Eval(c, e, input));

    public override int Run(Context c, Env? e, JqValue input, Emit k) => a.IsSimple ? k(Eval(c, e, input)) : Generate(c, e, input, k);

    // Lambdas live in methods of their own: C# allocates a method's closure on entry, even on the paths without one.
    private int Generate(Context c, Env? e, JqValue input, Emit k) => c.Run(a, e, input, x => k(f(c, input, x)));
}

/// <summary>Two value arguments; the cartesian product, the first argument varying slowest.</summary>
internal sealed class Fn2Node(Node a, Node b, Func<Context, JqValue, JqValue, JqValue, JqValue> f) : Node
{
    protected override bool ComputeSimple() => a.IsSimple && b.IsSimple;

    public override JqValue Eval(Context c, Env? e, JqValue input) => f(c, input, a.Eval(c, e, input), b.Eval(c, e, input));

    public override int Run(Context c, Env? e, JqValue input, Emit k) => IsSimple ? k(Eval(c, e, input)) : Generate(c, e, input, k);

    private int Generate(Context c, Env? e, JqValue input, Emit k) => c.Run(a, e, input, x => c.Run(b, e, input, y => k(f(c, input, x, y))));
}

internal sealed class Fn3Node(Node a, Node b, Node d, Func<Context, JqValue, JqValue, JqValue, JqValue, JqValue> f) : Node
{
    protected override bool ComputeSimple() => a.IsSimple && b.IsSimple && d.IsSimple;

    public override JqValue Eval(Context c, Env? e, JqValue input) => f(c, input, a.Eval(c, e, input), b.Eval(c, e, input), d.Eval(c, e, input));

    public override int Run(Context c, Env? e, JqValue input, Emit k) => IsSimple ? k(Eval(c, e, input)) : Generate(c, e, input, k);

    private int Generate(Context c, Env? e, JqValue input, Emit k) =>
        c.Run(a, e, input, x => c.Run(b, e, input, y => c.Run(d, e, input, z => k(f(c, input, x, y, z)))));
}

/// <summary>A native generator: emits any number of outputs for its input and value arguments.</summary>
internal sealed class GeneratorNode(Node[] args, Func<Context, JqValue, JqValue[], Emit, int> f) : Node
{
    public override int Run(Context c, Env? e, JqValue input, Emit k) => Arguments(c, e, input, 0, new JqValue[args.Length], k);

    private int Arguments(Context c, Env? e, JqValue input, int i, JqValue[] values, Emit k)
    {
        if (i == args.Length)
        {
            return f(c, input, values, k);
        }

        return c.Run(args[i], e, input, v =>
        {
            values[i] = v;
            return Arguments(c, e, input, i + 1, values, k);
        });
    }
}

internal sealed class EmptyNode : Node
{
    public static readonly EmptyNode Instance = new();

    public override int Run(Context c, Env? e, JqValue input, Emit k) => Flow.Continue;

    public override int RunPath(Context c, Env? e, JqValue input, JqPath? path, PathEmit k) => Flow.Continue;
}

/// <summary><c>error(message)</c>: raises the message value itself (any value, null included).</summary>
internal sealed class ErrorNode(Node? message) : Node
{
    // No output ever: at most one as far as the message goes (error(empty) is empty).
    public override bool AtMostOneIn(Env? e) => message is null || message.AtMostOneIn(e);

    public override int Eval01(Context c, Env? e, JqValue input, out JqValue value)
    {
        if (message is null)
        {
            throw new JqException(input);
        }

        if (message.Eval01(c, e, input, out var v) == 1)
        {
            throw new JqException(v);
        }

        value = JqValue.Null;
        return 0;
    }

    public override int Run(Context c, Env? e, JqValue input, Emit k) =>
        message is null ? throw new JqException(input) : c.Run(message, e, input, v => throw new JqException(v));

    public override int RunPath(Context c, Env? e, JqValue input, JqPath? path, PathEmit k) => Run(c, e, input, _ => Flow.Continue);
}

internal sealed class SelectNode(Node condition) : Node
{
    public override int Run(Context c, Env? e, JqValue input, Emit k)
    {
        if (condition.IsSimple)
        {
            return condition.Eval(c, e, input).IsTruthy ? k(input) : Flow.Continue;
        }

        return Generate(c, e, input, k);
    }

    private int Generate(Context c, Env? e, JqValue input, Emit k) => c.Run(condition, e, input, v => v.IsTruthy ? k(input) : Flow.Continue);

    public override bool AtMostOneIn(Env? e) => condition.AtMostOneIn(e);

    public override int Eval01(Context c, Env? e, JqValue input, out JqValue value)
    {
        value = input;
        if (condition.Eval01(c, e, input, out var test) == 0 || !test.IsTruthy)
        {
            value = JqValue.Null;
            return 0;
        }

        return 1;
    }

    public override int RunPath(Context c, Env? e, JqValue input, JqPath? path, PathEmit k) =>
        c.Run(condition, e, input, v => v.IsTruthy ? k(input, path) : Flow.Continue);
}

/// <summary>
/// <c>map(f)</c>, which is <c>[.[] | f]</c>: over an array, when f has at most one output per element (a mapping's
/// <c>map(select(length > 0))</c>), a loop that counts the same steps and memory without continuations.
/// </summary>
internal sealed class MapNode(Node f) : SimpleNode
{
    private readonly ArrayNode general = new(new PipeNode(new IterateNode(IdentityNode.Instance), f));

    public override JqValue Eval(Context c, Env? e, JqValue input)
    {
        if (input.Kind != JqKind.Array || !f.AtMostOneIn(e))
        {
            return general.Eval(c, e, input);
        }

        var items = new List<JqValue>(input.Count);
        if (input.IsElement)
        {
            foreach (var item in input.Element.EnumerateArray())
            {
                Add(c, e, JqValue.FromElement(item), items);
            }
        }
        else
        {
            foreach (var item in input.AsArray().Span)
            {
                Add(c, e, item, items);
            }
        }

        return new JqValue(JqArray.From(items));
    }

    public override int RunPath(Context c, Env? e, JqValue input, JqPath? path, PathEmit k) => general.RunPath(c, e, input, path, k);

    private void Add(Context c, Env? e, JqValue item, List<JqValue> items)
    {
        c.Step();
        if (f.Eval01(c, e, item, out var output) == 1)
        {
            c.Allocate(16);
            items.Add(output);
        }
    }
}

/// <summary><c>recurse(f)</c> (f null: <c>..</c>, children of arrays and objects): depth first, the value before its children.</summary>
internal sealed class RecurseNode(Node? children) : Node
{
    public override int Run(Context c, Env? e, JqValue input, Emit k)
    {
        JqStack.Ensure();
        c.Step();
        var flow = k(input);
        if (flow != Flow.Continue)
        {
            return flow;
        }

        if (children is null)
        {
            return input.Kind is JqKind.Array or JqKind.Object ? IterateNode.Each(c, input, v => Run(c, e, v, k)) : Flow.Continue;
        }

        return c.Run(children, e, input, v => Run(c, e, v, k));
    }

    public override int RunPath(Context c, Env? e, JqValue input, JqPath? path, PathEmit k)
    {
        JqStack.Ensure();
        c.Step();
        var flow = k(input, path);
        if (flow != Flow.Continue)
        {
            return flow;
        }

        if (children is null)
        {
            return input.Kind is JqKind.Array or JqKind.Object ? IterateNode.EachPath(c, input, path, (v, p) => RunPath(c, e, v, p, k)) : Flow.Continue;
        }

        return c.Drive(children.RunPath(c, e, input, path, (v, p) => RunPath(c, e, v, p, k)));
    }
}

/// <summary><c>getpath(p)</c>, also a path expression.</summary>
internal sealed class GetPathNode(Node path) : Node
{
    protected override bool ComputeSimple() => path.IsSimple;

    public override JqValue Eval(Context c, Env? e, JqValue input) => Paths.Get(c, input, path.Eval(c, e, input));

    public override int Run(Context c, Env? e, JqValue input, Emit k) =>
        IsSimple ? k(Eval(c, e, input)) : c.Run(path, e, input, p => k(Paths.Get(c, input, p)));

    public override int RunPath(Context c, Env? e, JqValue input, JqPath? current, PathEmit k) =>
        c.Run(path, e, input, p =>
        {
            if (p.Kind != JqKind.Array)
            {
                throw Errors.Error("Path must be specified as an array");
            }

            return k(Paths.Get(c, input, p), JqPath.FromArray(p, current));
        });
}

internal sealed class PathNode(Node f) : Node
{
    public override int Run(Context c, Env? e, JqValue input, Emit k) =>
        c.Drive(f.RunPath(c, e, input, null, (_, p) => k(JqPath.ToArray(p))));
}

/// <summary><c>limit(n; f)</c>: the first n outputs; 0 gives none and a negative n all (jq 1.7.1).</summary>
internal sealed class LimitNode(Node count, Node f) : Node
{
    public override int Run(Context c, Env? e, JqValue input, Emit k) => c.Run(count, e, input, n =>
    {
        if (n.Kind != JqKind.Number)
        {
            throw Errors.Error("Invalid limit: must be a number");
        }

        if (n.Number <= 0)
        {
            return n.Number == 0 ? Flow.Continue : c.Run(f, e, input, k);
        }

        var id = c.NewLabel();
        var seen = 0;
        var flow = c.Run(f, e, input, v =>
        {
            var r = k(v);
            return r != Flow.Continue ? r : ++seen >= n.Number ? id : Flow.Continue;
        });
        return flow == id ? Flow.Continue : flow;
    });

    public override int RunPath(Context c, Env? e, JqValue input, JqPath? path, PathEmit k) => c.Run(count, e, input, n =>
    {
        if (n.Number <= 0)
        {
            return n.Number == 0 ? Flow.Continue : c.Drive(f.RunPath(c, e, input, path, k));
        }

        var id = c.NewLabel();
        var seen = 0;
        var flow = c.Drive(f.RunPath(c, e, input, path, (v, p) =>
        {
            var r = k(v, p);
            return r != Flow.Continue ? r : ++seen >= n.Number ? id : Flow.Continue;
        }));
        return flow == id ? Flow.Continue : flow;
    });
}

internal sealed class FirstNode(Node f) : Node
{
    protected override bool ComputeSimple() => f.IsSimple;

    public override bool AtMostOneIn(Env? e) => true;

    public override int Eval01(Context c, Env? e, JqValue input, out JqValue value)
    {
        if (f.AtMostOneIn(e))
        {
            return f.Eval01(c, e, input, out value);
        }

        return Search(c, e, input, out value);
    }

    private int Search(Context c, Env? e, JqValue input, out JqValue value)
    {
        var id = c.NewLabel();
        var found = false;
        var result = JqValue.Null;
        var flow = c.Run(f, e, input, v =>
        {
            found = true;
            result = v;
            return id;
        });
        if (flow != id)
        {
            BreakSignal.ThrowIfBreak(flow);
        }

        value = result;
        return found ? 1 : 0;
    }

    public override JqValue Eval(Context c, Env? e, JqValue input) => f.Eval(c, e, input);

    public override int Run(Context c, Env? e, JqValue input, Emit k)
    {
        if (f.IsSimple)
        {
            return k(f.Eval(c, e, input));
        }

        return Generate(c, e, input, k);
    }

    private int Generate(Context c, Env? e, JqValue input, Emit k)
    {
        var id = c.NewLabel();
        var flow = c.Run(f, e, input, v =>
        {
            var r = k(v);
            return r != Flow.Continue ? r : id;
        });
        return flow == id ? Flow.Continue : flow;
    }

    public override int RunPath(Context c, Env? e, JqValue input, JqPath? path, PathEmit k)
    {
        var id = c.NewLabel();
        var flow = c.Drive(f.RunPath(c, e, input, path, (v, p) =>
        {
            var r = k(v, p);
            return r != Flow.Continue ? r : id;
        }));
        return flow == id ? Flow.Continue : flow;
    }
}

/// <summary>
/// <c>[f] | .[0]</c> (how Port's field wrapper takes a field's first value): f's first output, or null, without
/// building the array when f has at most one output; otherwise the array as written (f runs to its end).
/// </summary>
internal sealed class FirstOrNullNode(Node f) : SimpleNode
{
    public override JqValue Eval(Context c, Env? e, JqValue input)
    {
        if (f.AtMostOneIn(e))
        {
            // As the array's memory would be counted.
            c.Allocate(16);
            return f.Eval01(c, e, input, out var single) == 0 ? JqValue.Null : single;
        }

        return Gather(c, e, input);
    }

    private JqValue Gather(Context c, Env? e, JqValue input)
    {
        var first = JqValue.Null;
        var any = false;
        BreakSignal.ThrowIfBreak(c.Run(f, e, input, v =>
        {
            c.Allocate(16);
            if (!any)
            {
                first = v;
                any = true;
            }

            return Flow.Continue;
        }));
        return first;
    }
}

internal sealed class IsEmptyNode(Node f) : SimpleNode
{
    public override JqValue Eval(Context c, Env? e, JqValue input)
    {
        var id = c.NewLabel();
        var any = false;
        var flow = c.Run(f, e, input, _ =>
        {
            any = true;
            return id;
        });
        if (flow != id)
        {
            BreakSignal.ThrowIfBreak(flow);
        }

        return JqValue.Bool(!any);
    }
}

/// <summary>
/// <c>until</c>, <c>while</c> and <c>repeat</c> as loops, so a long iteration does not grow the stack; only
/// an update with several outputs branches (recursively, as jq's definitions do).
/// </summary>
internal sealed class LoopNode(string kind, Node? condition, Node update) : Node
{
    public override int Run(Context c, Env? e, JqValue input, Emit k)
    {
        var v = input;
        while (true)
        {
            c.Step();
            if (condition is not null)
            {
                var truth = condition.IsSimple ? condition.Eval(c, e, v).IsTruthy : First(c, e, condition, v).IsTruthy;
                if (kind == "until" && truth)
                {
                    return k(v);
                }

                if (kind == "while" && !truth)
                {
                    return Flow.Continue;
                }
            }

            if (kind == "repeat")
            {
                // jq's repeat(f) runs f again and again on the same input (jq 1.6 and 1.7.1 alike).
                var flow = c.Run(update, e, v, k);
                if (flow != Flow.Continue)
                {
                    return flow;
                }

                continue;
            }

            if (kind == "while")
            {
                var flow = k(v);
                if (flow != Flow.Continue)
                {
                    return flow;
                }
            }

            if (update.IsSimple)
            {
                v = update.Eval(c, e, v);
                continue;
            }

            var next = update.Collect(c, e, v);
            if (next.Count == 1)
            {
                v = next[0];
                continue;
            }

            foreach (var n in next)
            {
                var flow = Run(c, e, n, k);
                if (flow != Flow.Continue)
                {
                    return flow;
                }
            }

            return Flow.Continue;
        }
    }

    private static JqValue First(Context c, Env? e, Node node, JqValue input)
    {
        var values = node.Collect(c, e, input);
        return values.Count > 0 ? values[0] : JqValue.False;
    }
}

/// <summary><c>range(from; upto; by)</c>: numbers, counted with a step each.</summary>
internal sealed class RangeNode(Node from, Node upto, Node? by) : Node
{
    public override int Run(Context c, Env? e, JqValue input, Emit k) =>
        c.Run(from, e, input, f => c.Run(upto, e, input, u => by is null
            ? Count(c, f, u, new JqValue(1), k)
            : c.Run(by, e, input, b => Count(c, f, u, b, k))));

    private static int Count(Context c, JqValue from, JqValue upto, JqValue by, Emit k)
    {
        if (from.Kind != JqKind.Number || upto.Kind != JqKind.Number || by.Kind != JqKind.Number)
        {
            throw Errors.Error("Range bounds must be numeric");
        }

        var step = by.Number;
        if (step == 0)
        {
            return Flow.Continue;
        }

        var first = true;
        for (var x = from.Number; step > 0 ? x < upto.Number : x > upto.Number; x += step)
        {
            c.Step();
            // The first output is the bound itself, so a literal keeps its text.
            var flow = k(first ? from : new JqValue(x));
            first = false;
            if (flow != Flow.Continue)
            {
                return flow;
            }
        }

        return Flow.Continue;
    }
}

internal sealed class EnvironmentNode : SimpleNode
{
    public override JqValue Eval(Context c, Env? e, JqValue input) => c.Environment;
}

/// <summary>The <c>_by(f)</c> family: each element's key is the array of f's outputs for it.</summary>
internal sealed class ByNode(Node f, Func<Context, JqValue, List<(JqValue Key, JqValue Item)>, JqValue> combine) : SimpleNode
{
    public override JqValue Eval(Context c, Env? e, JqValue input)
    {
        if (input.Kind != JqKind.Array)
        {
            throw Errors.Type(input, "cannot be sorted, as it is not an array");
        }

        var pairs = new List<(JqValue, JqValue)>(input.Count);
        foreach (var item in input.AsArray().Span)
        {
            c.Step();
            pairs.Add((new JqValue(JqArray.From(f.Collect(c, e, item))), item));
        }

        return combine(c, input, pairs);
    }
}
