namespace Runner.Domain.Jq.Runtime;

internal sealed record ObjectEntryNode(Node Key, Node Value);

/// <summary><c>{k: v, …}</c>; with generators, one object per combination, the first entry varying slowest.</summary>
internal sealed class ObjectNode(IReadOnlyList<ObjectEntryNode> entries) : Node
{
    private readonly ObjectEntryNode[] entries = [.. entries];

    public override bool IsSimple => entries.All(x => x.Key.IsSimple && x.Value.IsSimple);

    public override JqValue Eval(Context c, Env? e, JqValue input)
    {
        c.Allocate(32L * entries.Length);
        var o = new JqObject(entries.Length);
        foreach (var entry in entries)
        {
            o.Set(Key(entry.Key.Eval(c, e, input)), entry.Value.Eval(c, e, input));
        }

        return new JqValue(o);
    }

    public override int Run(Context c, Env? e, JqValue input, Emit k)
    {
        if (IsSimple)
        {
            return k(Eval(c, e, input));
        }

        return Build(c, e, input, 0, [], k);
    }

    private int Build(Context c, Env? e, JqValue input, int i, List<(string, JqValue)> done, Emit k)
    {
        if (i == entries.Length)
        {
            c.Allocate(32L * done.Count);
            var o = new JqObject(done.Count);
            foreach (var (key, value) in done)
            {
                o.Set(key, value);
            }

            return k(new JqValue(o));
        }

        return c.Run(entries[i].Key, e, input, key => c.Run(entries[i].Value, e, input, value =>
        {
            done.Add((Key(key), value));
            var flow = Build(c, e, input, i + 1, done, k);
            done.RemoveAt(done.Count - 1);
            return flow;
        }));
    }

    private static string Key(JqValue key)
    {
        if (key.Kind != JqKind.String)
        {
            throw Errors.Error("Object keys must be strings");
        }

        return key.AsString();
    }
}

/// <summary>A string with interpolations; each interpolated value goes through the string's format.</summary>
internal sealed class StringNode(string format, IReadOnlyList<Node> parts, bool[] interpolated) : Node
{
    private readonly Node[] parts = [.. parts];

    public override bool IsSimple => parts.All(p => p.IsSimple);

    public override JqValue Eval(Context c, Env? e, JqValue input)
    {
        var b = new System.Text.StringBuilder();
        for (var i = 0; i < parts.Length; i++)
        {
            Append(c, b, i, parts[i].Eval(c, e, input));
        }

        c.Allocate(2L * b.Length);
        return new JqValue(b.ToString());
    }

    private void Append(Context c, System.Text.StringBuilder b, int part, JqValue value)
    {
        if (!interpolated[part])
        {
            b.Append(value.AsString());
        }
        else
        {
            b.Append(Formats.Apply(c, format, value));
        }
    }

    public override int Run(Context c, Env? e, JqValue input, Emit k)
    {
        if (IsSimple)
        {
            return k(Eval(c, e, input));
        }

        // jq builds the string as a chain of `+`, whose right side varies slowest: the last part is the outer loop.
        var values = new JqValue[parts.Length];
        return Fill(c, e, input, parts.Length - 1, values, k);
    }

    private int Fill(Context c, Env? e, JqValue input, int i, JqValue[] values, Emit k)
    {
        if (i < 0)
        {
            var b = new System.Text.StringBuilder();
            for (var j = 0; j < parts.Length; j++)
            {
                Append(c, b, j, values[j]);
            }

            c.Allocate(2L * b.Length);
            return k(new JqValue(b.ToString()));
        }

        return c.Run(parts[i], e, input, v =>
        {
            values[i] = v;
            return Fill(c, e, input, i - 1, values, k);
        });
    }
}

internal sealed class FormatNode(string format) : SimpleNode
{
    public override JqValue Eval(Context c, Env? e, JqValue input) => new(Formats.Apply(c, format, input));
}
