namespace Runner.Domain.Jq.Runtime;

/// <summary>A compiled destructuring pattern: fills variable slots, once per combination its key expressions give.</summary>
internal abstract class PatternNode
{
    public abstract int Bind(Context c, Env? e, JqValue value, JqValue[] slots, Func<int> k);
}

internal sealed class VariablePatternNode(int slot) : PatternNode
{
    public override int Bind(Context c, Env? e, JqValue value, JqValue[] slots, Func<int> k)
    {
        slots[slot] = value;
        return k();
    }
}

internal sealed class ArrayPatternNode(PatternNode[] items) : PatternNode
{
    public override int Bind(Context c, Env? e, JqValue value, JqValue[] slots, Func<int> k) => From(c, e, value, 0, slots, k);

    private int From(Context c, Env? e, JqValue value, int i, JqValue[] slots, Func<int> k)
    {
        if (i == items.Length)
        {
            return k();
        }

        if (value.Kind is not (JqKind.Array or JqKind.Null))
        {
            throw Errors.CannotIndex(value, new JqValue(i));
        }

        return items[i].Bind(c, e, Ops.Index(c, value, new JqValue(i)), slots, () => From(c, e, value, i + 1, slots, k));
    }
}

internal sealed record ObjectPatternEntryNode(Node Key, int BindSlot, PatternNode? Value);

internal sealed class ObjectPatternNode(ObjectPatternEntryNode[] entries) : PatternNode
{
    public override int Bind(Context c, Env? e, JqValue value, JqValue[] slots, Func<int> k) => From(c, e, value, 0, slots, k);

    private int From(Context c, Env? e, JqValue value, int i, JqValue[] slots, Func<int> k)
    {
        if (i == entries.Length)
        {
            return k();
        }

        var entry = entries[i];
        return c.Run(entry.Key, e, value, key =>
        {
            if (key.Kind != JqKind.String)
            {
                throw Errors.CannotIndex(value, key);
            }

            if (value.Kind is not (JqKind.Object or JqKind.Null))
            {
                throw Errors.CannotIndex(value, key);
            }

            var field = Ops.Index(c, value, key);
            if (entry.BindSlot >= 0)
            {
                slots[entry.BindSlot] = field;
            }

            return entry.Value is null
                ? From(c, e, value, i + 1, slots, k)
                : entry.Value.Bind(c, e, field, slots, () => From(c, e, value, i + 1, slots, k));
        });
    }
}

internal static class Slots
{
    public static Env? Push(Env? e, JqValue[] slots)
    {
        foreach (var value in slots)
        {
            e = new ValueFrame(e, value);
        }

        return e;
    }
}

/// <summary><c>source as $x | body</c>, and destructuring with <c>?//</c> alternatives (all their variables bound).</summary>
internal sealed class BindNode(Node source, PatternNode[] patterns, int slotCount, Node body) : Node
{
    private readonly bool single = slotCount == 1 && patterns.Length == 1 && patterns[0] is VariablePatternNode;

    public override int Run(Context c, Env? e, JqValue input, Emit k)
    {
        if (single)
        {
            if (source.IsSimple)
            {
                return body.Run(c, new ValueFrame(e, source.Eval(c, e, input)), input, k);
            }

            return EachSingle(c, e, input, k);
        }

        return EachPattern(c, e, input, k);
    }

    // Lambdas live in methods of their own: C# allocates a method's closure on entry, even on the paths without one.
    private int EachSingle(Context c, Env? e, JqValue input, Emit k) => source.Run(c, e, input, v => c.Run(body, new ValueFrame(e, v), input, k));

    private int EachPattern(Context c, Env? e, JqValue input, Emit k) => source.Run(c, e, input, v => Alternatives(c, e, input, v, k));

    private int Alternatives(Context c, Env? e, JqValue input, JqValue v, Emit k)
    {
        for (var i = 0; ; i++)
        {
            var slots = new JqValue[slotCount];
            try
            {
                return patterns[i].Bind(c, e, v, slots, () => c.Run(body, Slots.Push(e, slots), input, k));
            }
            catch (JqException) when (i < patterns.Length - 1)
            {
            }
        }
    }

    public override int RunPath(Context c, Env? e, JqValue input, JqPath? path, PathEmit k) =>
        c.Run(source, e, input, v =>
        {
            var slots = new JqValue[slotCount];
            return patterns[0].Bind(c, e, v, slots, () => c.Drive(body.RunPath(c, Slots.Push(e, slots), input, path, k)));
        });
}

/// <summary><c>reduce source as $x (init; update)</c>: the update's last output is the next state (null when empty).</summary>
internal sealed class ReduceNode(Node source, PatternNode pattern, int slotCount, Node init, Node update) : Node
{
    protected override bool ComputeSimple() => init.IsSimple;

    public override JqValue Eval(Context c, Env? e, JqValue input) => Reduce(c, e, input, init.Eval(c, e, input));

    public override int Run(Context c, Env? e, JqValue input, Emit k)
    {
        if (init.IsSimple)
        {
            return k(Eval(c, e, input));
        }

        return c.Run(init, e, input, start => k(Reduce(c, e, input, start)));
    }

    private JqValue Reduce(Context c, Env? e, JqValue input, JqValue acc)
    {
        var slots = new JqValue[slotCount];
        BreakSignal.ThrowIfBreak(c.Run(source, e, input, v => pattern.Bind(c, e, v, slots, () =>
        {
            c.Step();
            var env = Slots.Push(e, slots);
            if (update.IsSimple)
            {
                acc = update.Eval(c, env, acc);
                return Flow.Continue;
            }

            var next = JqValue.Null;
            var flow = c.Run(update, env, acc, u =>
            {
                next = u;
                return Flow.Continue;
            });
            acc = next;
            return flow;
        })));
        return acc;
    }
}

/// <summary><c>foreach source as $x (init; update; extract)</c>: every update output is emitted (through extract).</summary>
internal sealed class ForeachNode(Node source, PatternNode pattern, int slotCount, Node init, Node update, Node? extract) : Node
{
    public override int Run(Context c, Env? e, JqValue input, Emit k) => c.Run(init, e, input, start =>
    {
        var state = start;
        var slots = new JqValue[slotCount];
        return c.Run(source, e, input, v => pattern.Bind(c, e, v, slots, () =>
        {
            c.Step();
            var env = Slots.Push(e, slots);
            return c.Run(update, env, state, u =>
            {
                state = u;
                return extract is null ? k(u) : c.Run(extract, env, u, k);
            });
        }));
    });
}

/// <summary><c>label $name | body</c>: each activation has its own id, bound like a variable for its <c>break</c>s.</summary>
internal sealed class LabelNode(Node body) : Node
{
    public override int Run(Context c, Env? e, JqValue input, Emit k)
    {
        var id = c.NewLabel();
        int flow;
        try
        {
            flow = c.Run(body, new ValueFrame(e, new JqValue(id)), input, k);
        }
        catch (BreakSignal signal) when (signal.Label == id)
        {
            return Flow.Continue;
        }

        return flow == id ? Flow.Continue : flow;
    }

    public override int RunPath(Context c, Env? e, JqValue input, JqPath? path, PathEmit k)
    {
        var id = c.NewLabel();
        int flow;
        try
        {
            flow = c.Drive(body.RunPath(c, new ValueFrame(e, new JqValue(id)), input, path, k));
        }
        catch (BreakSignal signal) when (signal.Label == id)
        {
            return Flow.Continue;
        }

        return flow == id ? Flow.Continue : flow;
    }
}

internal sealed class BreakNode(int hops) : Node
{
    public override int Run(Context c, Env? e, JqValue input, Emit k) => (int)Env.ValueAt(e, hops).Number;

    public override int RunPath(Context c, Env? e, JqValue input, JqPath? path, PathEmit k) => (int)Env.ValueAt(e, hops).Number;
}
