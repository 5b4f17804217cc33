namespace Runner.Domain.Jq.Runtime;

internal sealed class IdentityNode : SimpleNode
{
    public static readonly IdentityNode Instance = new();

    public override JqValue Eval(Context c, Env? e, JqValue input) => input;

    public override int RunPath(Context c, Env? e, JqValue input, JqPath? path, PathEmit k) => k(input, path);
}

internal sealed class LiteralNode(JqValue value) : SimpleNode
{
    public JqValue Value { get; } = value;

    public override JqValue Eval(Context c, Env? e, JqValue input) => Value;

    public override int RunPath(Context c, Env? e, JqValue input, JqPath? path, PathEmit k) =>
        Value.Kind == JqKind.Null ? k(JqValue.Null, null) : throw Errors.InvalidPath(Value);
}

internal sealed class VariableNode(int hops) : SimpleNode
{
    public override JqValue Eval(Context c, Env? e, JqValue input) => Env.ValueAt(e, hops);
}

internal sealed class PipeNode(Node left, Node right) : Node
{
    protected override bool ComputeSimple() => left.IsSimple && right.IsSimple;

    public override JqValue Eval(Context c, Env? e, JqValue input) => right.Eval(c, e, left.Eval(c, e, input));

    public override bool AtMostOneIn(Env? e) => left.AtMostOneIn(e) && right.AtMostOneIn(e);

    public override int Eval01(Context c, Env? e, JqValue input, out JqValue value)
    {
        if (left.Eval01(c, e, input, out var middle) == 0)
        {
            value = JqValue.Null;
            return 0;
        }

        return right.Eval01(c, e, middle, out value);
    }

    public override int Run(Context c, Env? e, JqValue input, Emit k)
    {
        if (left.IsSimple)
        {
            return right.Run(c, e, left.Eval(c, e, input), k);
        }

        if (left.AtMostOneIn(e))
        {
            return left.Eval01(c, e, input, out var middle) == 0 ? Flow.Continue : right.Run(c, e, middle, k);
        }

        return Each(c, e, input, k);
    }

    // Lambdas live in methods of their own: C# allocates a method's closure on entry, even on the paths without one.
    private int Each(Context c, Env? e, JqValue input, Emit k) => left.Run(c, e, input, v => c.Run(right, e, v, k));

    public override int RunPath(Context c, Env? e, JqValue input, JqPath? path, PathEmit k) =>
        c.Drive(left.RunPath(c, e, input, path, (v, p) => c.Drive(right.RunPath(c, e, v, p, k))));
}

internal sealed class CommaNode(Node left, Node right) : Node
{
    public override int Run(Context c, Env? e, JqValue input, Emit k)
    {
        var flow = c.Run(left, e, input, k);
        return flow != Flow.Continue ? flow : right.Run(c, e, input, k);
    }

    public override int RunPath(Context c, Env? e, JqValue input, JqPath? path, PathEmit k)
    {
        var flow = c.Drive(left.RunPath(c, e, input, path, k));
        return flow != Flow.Continue ? flow : c.Drive(right.RunPath(c, e, input, path, k));
    }
}

/// <summary><c>target[key]</c>: the key is evaluated against the term's input, then the target.</summary>
internal sealed class IndexNode(Node target, Node key) : Node
{
    protected override bool ComputeSimple() => target.IsSimple && key.IsSimple;

    public override JqValue Eval(Context c, Env? e, JqValue input) => Ops.Index(c, target.Eval(c, e, input), key.Eval(c, e, input));

    public override int Run(Context c, Env? e, JqValue input, Emit k)
    {
        if (IsSimple)
        {
            return k(Eval(c, e, input));
        }

        return Generate(c, e, input, k);
    }

    private int Generate(Context c, Env? e, JqValue input, Emit k) =>
        key.Run(c, e, input, kv => c.Run(target, e, input, t => k(Ops.Index(c, t, kv))));

    public override int RunPath(Context c, Env? e, JqValue input, JqPath? path, PathEmit k) =>
        c.Run(key, e, input, kv => c.Drive(target.RunPath(c, e, input, path, (t, p) =>
        {
            var value = t.Kind == JqKind.Null ? JqValue.Null : Ops.Index(c, t, kv);
            return k(value, JqPath.Append(p, kv));
        })));
}

/// <summary><c>.name</c> on a simple target: the usual mapping step, without the key node.</summary>
internal sealed class FieldNode(Node target, string name) : Node
{
    private readonly JqValue key = new(name);
    private readonly byte[] utf8Name = System.Text.Encoding.UTF8.GetBytes(name);

    protected override bool ComputeSimple() => target.IsSimple;

    public override JqValue Eval(Context c, Env? e, JqValue input)
    {
        var t = target.Eval(c, e, input);
        return t.Kind switch
        {
            JqKind.Object => t.Field(name, utf8Name),
            JqKind.Null => JqValue.Null,
            _ => throw Errors.CannotIndex(t, key),
        };
    }

    public override int Run(Context c, Env? e, JqValue input, Emit k)
    {
        if (target.IsSimple)
        {
            return k(Eval(c, e, input));
        }

        return Generate(c, e, input, k);
    }

    private int Generate(Context c, Env? e, JqValue input, Emit k) => target.Run(c, e, input, t => k(Ops.Index(c, t, key)));

    public override int RunPath(Context c, Env? e, JqValue input, JqPath? path, PathEmit k) =>
        target.RunPath(c, e, input, path, (t, p) => k(t.Kind == JqKind.Null ? JqValue.Null : Ops.Index(c, t, key), JqPath.Append(p, key)));
}

internal sealed class SliceNode(Node target, Node? from, Node? to) : Node
{
    public override int Run(Context c, Env? e, JqValue input, Emit k) =>
        Bounds(c, e, input, (f, t) => c.Run(target, e, input, v => k(Ops.Slice(c, v, f, t))));

    public override int RunPath(Context c, Env? e, JqValue input, JqPath? path, PathEmit k) =>
        Bounds(c, e, input, (f, t) => c.Drive(target.RunPath(c, e, input, path, (v, p) =>
        {
            var key = new JqObject(2);
            key.Set("start", f);
            key.Set("end", t);
            return k(Ops.Slice(c, v, f, t), JqPath.Append(p, new JqValue(key)));
        })));

    private int Bounds(Context c, Env? e, JqValue input, Func<JqValue, JqValue, int> k)
    {
        var toValues = to is null ? [JqValue.Null] : to.Collect(c, e, input);
        foreach (var t in toValues)
        {
            var fromValues = from is null ? [JqValue.Null] : from.Collect(c, e, input);
            foreach (var f in fromValues)
            {
                var flow = k(f, t);
                if (flow != Flow.Continue)
                {
                    return flow;
                }
            }
        }

        return Flow.Continue;
    }
}

internal sealed class IterateNode(Node target) : Node
{
    public override int Run(Context c, Env? e, JqValue input, Emit k)
    {
        if (target.IsSimple)
        {
            return Each(c, target.Eval(c, e, input), k);
        }

        return Generate(c, e, input, k);
    }

    private int Generate(Context c, Env? e, JqValue input, Emit k) => target.Run(c, e, input, v => Each(c, v, k));

    public static int Each(Context c, JqValue v, Emit k)
    {
        switch (v.Kind)
        {
            case JqKind.Array when v.IsElement:
                foreach (var item in v.Element.EnumerateArray())
                {
                    c.Step();
                    var flow = k(JqValue.FromElement(item));
                    if (flow != Flow.Continue)
                    {
                        return flow;
                    }
                }

                return Flow.Continue;
            case JqKind.Array:
                var array = v.AsArray();
                for (var i = 0; i < array.Count; i++)
                {
                    c.Step();
                    var flow = k(array[i]);
                    if (flow != Flow.Continue)
                    {
                        return flow;
                    }
                }

                return Flow.Continue;
            case JqKind.Object when v.IsElement:
                foreach (var property in v.Element.EnumerateObject())
                {
                    c.Step();
                    var flow = k(JqValue.FromElement(property.Value));
                    if (flow != Flow.Continue)
                    {
                        return flow;
                    }
                }

                return Flow.Continue;
            case JqKind.Object:
                var o = v.AsObject();
                for (var i = 0; i < o.Count; i++)
                {
                    c.Step();
                    var flow = k(o.ValueAt(i));
                    if (flow != Flow.Continue)
                    {
                        return flow;
                    }
                }

                return Flow.Continue;
            default:
                throw Errors.CannotIterate(v);
        }
    }

    public override int RunPath(Context c, Env? e, JqValue input, JqPath? path, PathEmit k) =>
        c.Drive(target.RunPath(c, e, input, path, (v, p) => EachPath(c, v, p, k)));

    public static int EachPath(Context c, JqValue v, JqPath? p, PathEmit k)
    {
        switch (v.Kind)
        {
            case JqKind.Null:
                return Flow.Continue;
            case JqKind.Array:
                var count = v.Count;
                for (var i = 0; i < count; i++)
                {
                    c.Step();
                    var flow = k(v.Index(i), JqPath.Append(p, new JqValue(i)));
                    if (flow != Flow.Continue)
                    {
                        return flow;
                    }
                }

                return Flow.Continue;
            case JqKind.Object:
                var o = v.AsObject();
                for (var i = 0; i < o.Count; i++)
                {
                    c.Step();
                    var flow = k(o.ValueAt(i), JqPath.Append(p, new JqValue(o.KeyAt(i))));
                    if (flow != Flow.Continue)
                    {
                        return flow;
                    }
                }

                return Flow.Continue;
            default:
                throw Errors.CannotIterate(v);
        }
    }
}

/// <summary>
/// <c>try body catch handler</c> (no handler: <c>body?</c>). Only errors raised by the body itself are
/// caught: an error raised downstream of an output the body already produced passes through (jq 1.7.1).
/// </summary>
internal sealed class TryNode(Node body, Node? handler) : Node
{
    public override bool AtMostOneIn(Env? e) => body.AtMostOneIn(e) && (handler is null || handler.AtMostOneIn(e));

    public override int Eval01(Context c, Env? e, JqValue input, out JqValue value)
    {
        // No continuation runs inside this try, so every error caught here is the body's own.
        try
        {
            return body.Eval01(c, e, input, out value);
        }
        catch (JqException error) when (error.Passing == 0)
        {
            if (handler is null)
            {
                value = JqValue.Null;
                return 0;
            }

            return handler.Eval01(c, e, error.Value, out value);
        }
    }

    public override int Run(Context c, Env? e, JqValue input, Emit k)
    {
        int flow;
        try
        {
            flow = c.Run(body, e, input, v => Downstream(k, v));
        }
        catch (JqException error)
        {
            if (error.Passing > 0)
            {
                error.Passing--;
                throw;
            }

            return Handle(c, e, error, k);
        }

        return flow;
    }

    private static int Downstream(Emit k, JqValue v)
    {
        try
        {
            return k(v);
        }
        catch (JqException error)
        {
            error.Passing++;
            throw;
        }
    }

    private int Handle(Context c, Env? e, JqException error, Emit k)
    {
        // `break` is an error in jq; here it never is, so every error reaching a handler is the program's.
        if (handler is null)
        {
            return Flow.Continue;
        }

        return c.Run(handler, e, error.Value, k);
    }

    public override int RunPath(Context c, Env? e, JqValue input, JqPath? path, PathEmit k)
    {
        try
        {
            return c.Drive(body.RunPath(c, e, input, path, (v, p) =>
            {
                try
                {
                    return k(v, p);
                }
                catch (JqException error)
                {
                    error.Passing++;
                    throw;
                }
            }));
        }
        catch (JqException error)
        {
            if (error.Passing > 0)
            {
                error.Passing--;
                throw;
            }

            if (handler is null)
            {
                return Flow.Continue;
            }

            return c.Run(handler, e, error.Value, v => throw Errors.InvalidPath(v));
        }
    }
}

internal sealed class IfNode(Node condition, Node then, Node? otherwise) : Node
{
    private readonly Node otherwise = otherwise ?? IdentityNode.Instance;

    protected override bool ComputeSimple() => condition.IsSimple && then.IsSimple && otherwise.IsSimple;

    public override JqValue Eval(Context c, Env? e, JqValue input) =>
        condition.Eval(c, e, input).IsTruthy ? then.Eval(c, e, input) : otherwise.Eval(c, e, input);

    public override bool AtMostOneIn(Env? e) => condition.AtMostOneIn(e) && then.AtMostOneIn(e) && otherwise.AtMostOneIn(e);

    public override int Eval01(Context c, Env? e, JqValue input, out JqValue value)
    {
        if (condition.Eval01(c, e, input, out var test) == 0)
        {
            value = JqValue.Null;
            return 0;
        }

        return test.IsTruthy ? then.Eval01(c, e, input, out value) : otherwise.Eval01(c, e, input, out value);
    }

    public override int Run(Context c, Env? e, JqValue input, Emit k)
    {
        if (condition.IsSimple)
        {
            return condition.Eval(c, e, input).IsTruthy ? then.Run(c, e, input, k) : otherwise.Run(c, e, input, k);
        }

        if (condition.AtMostOneIn(e))
        {
            if (condition.Eval01(c, e, input, out var test) == 0)
            {
                return Flow.Continue;
            }

            return test.IsTruthy ? then.Run(c, e, input, k) : otherwise.Run(c, e, input, k);
        }

        return Generate(c, e, input, k);
    }

    private int Generate(Context c, Env? e, JqValue input, Emit k) =>
        condition.Run(c, e, input, v => v.IsTruthy ? c.Run(then, e, input, k) : c.Run(otherwise, e, input, k));

    public override int RunPath(Context c, Env? e, JqValue input, JqPath? path, PathEmit k) =>
        c.Run(condition, e, input, v => c.Drive((v.IsTruthy ? then : otherwise).RunPath(c, e, input, path, k)));
}

/// <summary><c>a // b</c>: a's truthy outputs, or else b's outputs. Errors in a propagate (as in jq 1.6 and 1.7.1).</summary>
internal sealed class AlternativeNode(Node left, Node right) : Node
{
    protected override bool ComputeSimple() => left.IsSimple && right.IsSimple;

    public override JqValue Eval(Context c, Env? e, JqValue input)
    {
        var v = left.Eval(c, e, input);
        return v.IsTruthy ? v : right.Eval(c, e, input);
    }

    public override int Run(Context c, Env? e, JqValue input, Emit k)
    {
        return IsSimple ? k(Eval(c, e, input)) : Generate(c, e, input, k);
    }

    private int Generate(Context c, Env? e, JqValue input, Emit k)
    {
        var any = false;
        var flow = c.Run(left, e, input, v =>
        {
            if (!v.IsTruthy)
            {
                return Flow.Continue;
            }

            any = true;
            return k(v);
        });
        if (flow != Flow.Continue)
        {
            return flow;
        }

        return any ? Flow.Continue : right.Run(c, e, input, k);
    }

    public override int RunPath(Context c, Env? e, JqValue input, JqPath? path, PathEmit k)
    {
        var any = false;
        var flow = c.Drive(left.RunPath(c, e, input, path, (v, p) =>
        {
            if (!v.IsTruthy)
            {
                return Flow.Continue;
            }

            any = true;
            return k(v, p);
        }));
        if (flow != Flow.Continue)
        {
            return flow;
        }

        return any ? Flow.Continue : c.Drive(right.RunPath(c, e, input, path, k));
    }
}

internal sealed class AndNode(Node left, Node right, bool isOr) : Node
{
    protected override bool ComputeSimple() => left.IsSimple && right.IsSimple;

    public override JqValue Eval(Context c, Env? e, JqValue input)
    {
        var l = left.Eval(c, e, input).IsTruthy;
        if (l == isOr)
        {
            return JqValue.Bool(isOr);
        }

        return JqValue.Bool(right.Eval(c, e, input).IsTruthy);
    }

    public override int Run(Context c, Env? e, JqValue input, Emit k)
    {
        return IsSimple ? k(Eval(c, e, input)) : Generate(c, e, input, k);
    }

    private int Generate(Context c, Env? e, JqValue input, Emit k) =>
        c.Run(left, e, input, l => l.IsTruthy == isOr
            ? k(JqValue.Bool(isOr))
            : c.Run(right, e, input, r => k(JqValue.Bool(r.IsTruthy))));
}

/// <summary>Arithmetic and comparison; with generators on both sides the right side varies slowest, as in jq.</summary>
internal sealed class BinaryNode(string op, Node left, Node right) : Node
{
    protected override bool ComputeSimple() => left.IsSimple && right.IsSimple;

    public override JqValue Eval(Context c, Env? e, JqValue input)
    {
        var r = right.Eval(c, e, input);
        return Ops.Binary(c, op, left.Eval(c, e, input), r);
    }

    public override int Run(Context c, Env? e, JqValue input, Emit k)
    {
        return IsSimple ? k(Eval(c, e, input)) : Generate(c, e, input, k);
    }

    private int Generate(Context c, Env? e, JqValue input, Emit k) =>
        c.Run(right, e, input, r => c.Run(left, e, input, l => k(Ops.Binary(c, op, l, r))));
}

/// <summary>
/// <c>a + b + c …</c> (at most <see cref="MaxTerms"/>): with simple terms, evaluated right to left as the nested
/// additions would be and added left to right, text joined once instead of through every intermediate string (the
/// usual identifier or URL). Otherwise, and in path mode, the nested additions themselves.
/// </summary>
internal sealed class SumNode(Node[] terms, Node nested) : Node
{
    public const int MaxTerms = 8;

    [System.Runtime.CompilerServices.InlineArray(MaxTerms)]
    private struct Terms
    {
        private JqValue first;
    }

    protected override bool ComputeSimple() => terms.All(t => t.IsSimple);

    public override JqValue Eval(Context c, Env? e, JqValue input)
    {
        var values = default(Terms);
        var text = true;
        var length = 0L;
        for (var i = terms.Length - 1; i >= 0; i--)
        {
            var v = values[i] = terms[i].Eval(c, e, input);
            if (text && v.Kind == JqKind.String)
            {
                length += v.AsString().Length;
            }
            else
            {
                text = false;
            }
        }

        if (!text)
        {
            var sum = values[0];
            for (var i = 1; i < terms.Length; i++)
            {
                sum = Ops.Binary(c, "+", sum, values[i]);
            }

            return sum;
        }

        c.Allocate(2 * length);
        return new JqValue(string.Create((int)length, values, static (span, parts) =>
        {
            var at = 0;
            foreach (var part in parts)
            {
                if (part.Kind != JqKind.String)
                {
                    break;
                }

                var s = part.AsString();
                s.CopyTo(span[at..]);
                at += s.Length;
            }
        }));
    }

    public override bool AtMostOneIn(Env? e) => IsSimple || nested.AtMostOneIn(e);

    public override int Eval01(Context c, Env? e, JqValue input, out JqValue value)
    {
        if (IsSimple)
        {
            value = Eval(c, e, input);
            return 1;
        }

        return nested.Eval01(c, e, input, out value);
    }

    public override int Run(Context c, Env? e, JqValue input, Emit k) => IsSimple ? k(Eval(c, e, input)) : nested.Run(c, e, input, k);

    public override int RunPath(Context c, Env? e, JqValue input, JqPath? path, PathEmit k) => nested.RunPath(c, e, input, path, k);
}

internal sealed class NegateNode(Node operand) : Node
{
    protected override bool ComputeSimple() => operand.IsSimple;

    public override JqValue Eval(Context c, Env? e, JqValue input) => Ops.Negate(operand.Eval(c, e, input));

    public override int Run(Context c, Env? e, JqValue input, Emit k) => IsSimple ? k(Eval(c, e, input)) : Generate(c, e, input, k);

    private int Generate(Context c, Env? e, JqValue input, Emit k) => c.Run(operand, e, input, v => k(Ops.Negate(v)));
}

internal sealed class ArrayNode(Node? body) : SimpleNode
{
    public override JqValue Eval(Context c, Env? e, JqValue input)
    {
        if (body is null)
        {
            return new JqValue(JqArray.Empty);
        }

        if (body.AtMostOneIn(e))
        {
            c.Allocate(16);
            return body.Eval01(c, e, input, out var single) == 0 ? new JqValue(JqArray.Empty) : new JqValue(JqArray.From(single));
        }

        return Gather(c, e, input);
    }

    private JqValue Gather(Context c, Env? e, JqValue input)
    {
        var items = new List<JqValue>();
        BreakSignal.ThrowIfBreak(c.Run(body!, e, input, v =>
        {
            c.Allocate(16);
            items.Add(v);
            return Flow.Continue;
        }));
        return new JqValue(JqArray.From(items));
    }
}
