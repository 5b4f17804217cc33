namespace Runner.Domain.Jq.Runtime;

internal sealed record ObjectEntryNode(Node Key, Node Value);

/// <summary><c>{k: v, …}</c>; with generators, one object per combination, the first entry varying slowest.</summary>
internal sealed class ObjectNode(IReadOnlyList<ObjectEntryNode> entries) : Node
{
    private readonly ObjectEntryNode[] entries = [.. entries];

    // When every key is a distinct string literal (a mapping's {identifier: …, properties: {…}}), the object's keys
    // are known: its values are appended without searching the keys built so far for a duplicate.
    private readonly string[]? literalKeys = LiteralKeys(entries);

    protected override bool ComputeSimple() => entries.All(x => x.Key.IsSimple && x.Value.IsSimple);

    public override JqValue Eval(Context c, Env? e, JqValue input)
    {
        c.Allocate(32L * entries.Length);
        var o = new JqObject(entries.Length);
        if (literalKeys is not null)
        {
            for (var i = 0; i < entries.Length; i++)
            {
                o.Append(literalKeys[i], entries[i].Value.Eval(c, e, input));
            }

            return new JqValue(o);
        }

        foreach (var entry in entries)
        {
            o.Set(Key(entry.Key.Eval(c, e, input)), entry.Value.Eval(c, e, input));
        }

        return new JqValue(o);
    }

    public override bool AtMostOneIn(Env? e)
    {
        foreach (var entry in entries)
        {
            if (!entry.Key.AtMostOneIn(e) || !entry.Value.AtMostOneIn(e))
            {
                return false;
            }
        }

        return true;
    }

    // Entries in order, as Run collects them; the first one without output means no object.
    public override int Eval01(Context c, Env? e, JqValue input, out JqValue value)
    {
        value = JqValue.Null;
        c.Allocate(32L * entries.Length);
        var o = new JqObject(entries.Length);
        for (var i = 0; i < entries.Length; i++)
        {
            var entry = entries[i];
            if (literalKeys is not null)
            {
                if (entry.Value.Eval01(c, e, input, out var literalValue) == 0)
                {
                    return 0;
                }

                o.Append(literalKeys[i], literalValue);
            }
            else if (entry.Key.Eval01(c, e, input, out var key) == 0 || entry.Value.Eval01(c, e, input, out var v) == 0)
            {
                return 0;
            }
            else
            {
                o.Set(Key(key), v);
            }
        }

        value = new JqValue(o);
        return 1;
    }

    public override int Run(Context c, Env? e, JqValue input, Emit k)
    {
        if (IsSimple)
        {
            return k(Eval(c, e, input));
        }

        if (AtMostOneIn(e))
        {
            return Eval01(c, e, input, out var single) == 0 ? Flow.Continue : k(single);
        }

        // Each entry's outputs once (most have exactly one), then every combination, the first entry slowest.
        var keys = new List<JqValue>[entries.Length];
        var values = new List<JqValue>[entries.Length];
        for (var i = 0; i < entries.Length; i++)
        {
            keys[i] = entries[i].Key.Collect(c, e, input);
            values[i] = keys[i].Count == 0 ? [] : entries[i].Value.Collect(c, e, input);
            if (values[i].Count == 0)
            {
                // No combination can exist, and jq never evaluates the entries after this one.
                return Flow.Continue;
            }
        }

        return Combine(c, keys, values, 0, new (string, JqValue)[entries.Length], k);
    }

    private static int Combine(Context c, List<JqValue>[] keys, List<JqValue>[] values, int i, (string, JqValue)[] chosen, Emit k)
    {
        if (i == keys.Length)
        {
            c.Allocate(32L * chosen.Length);
            var o = new JqObject(chosen.Length);
            foreach (var (key, value) in chosen)
            {
                o.Set(key, value);
            }

            return k(new JqValue(o));
        }

        foreach (var key in keys[i])
        {
            foreach (var value in values[i])
            {
                chosen[i] = (Key(key), value);
                var flow = Combine(c, keys, values, i + 1, chosen, k);
                if (flow != Flow.Continue)
                {
                    return flow;
                }
            }
        }

        return Flow.Continue;
    }

    private static string[]? LiteralKeys(IReadOnlyList<ObjectEntryNode> entries)
    {
        var keys = new string[entries.Count];
        for (var i = 0; i < keys.Length; i++)
        {
            if (entries[i].Key is not LiteralNode { Value.Kind: JqKind.String } literal)
            {
                return null;
            }

            keys[i] = literal.Value.AsString();
        }

        return keys.Distinct(StringComparer.Ordinal).Count() == keys.Length ? keys : null;
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

    protected override bool ComputeSimple() => parts.All(p => p.IsSimple);

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
