namespace Runner.Domain.Jq.Runtime;

/// <summary>
/// A compiled jq expression. Generators call the continuation once per output (CPS, no enumerators);
/// nodes that always produce exactly one output are <see cref="IsSimple"/> and also answer
/// <see cref="Eval"/> directly, which is what keeps the usual mapping expression free of allocations.
/// A node either returns its child's flow as its own last act (a tail position, where a pending tail
/// call may pass through) or drives it to completion with <see cref="Context.Run"/>.
/// </summary>
internal abstract class Node
{
    // Computed once (the tree is complete by the first run); a race only computes the same answer twice.
    private int simple;

    public bool IsSimple
    {
        get
        {
            if (simple == 0)
            {
                simple = ComputeSimple() ? 1 : 2;
            }

            return simple == 1;
        }
    }

    protected virtual bool ComputeSimple() => false;

    /// <summary>
    /// At most one output here, knowing the frame (a filter argument's code is known only at run time):
    /// then <see cref="Eval01"/> answers without continuations or allocations.
    /// </summary>
    public virtual bool AtMostOneIn(Env? e) => IsSimple;

    /// <summary>Only when <see cref="AtMostOneIn"/>: 1 with the output, or 0 for none.</summary>
    public virtual int Eval01(Context c, Env? e, JqValue input, out JqValue value)
    {
        value = Eval(c, e, input);
        return 1;
    }

    public virtual JqValue Eval(Context c, Env? e, JqValue input) => throw new InvalidOperationException($"{GetType().Name} is not simple");

    public virtual int Run(Context c, Env? e, JqValue input, Emit k) => k(Eval(c, e, input));

    /// <summary>Path mode (for <c>path</c>, assignments, <c>del</c>…): outputs come with their path. Not a path expression by default.</summary>
    public virtual int RunPath(Context c, Env? e, JqValue input, JqPath? path, PathEmit k) =>
        c.Run(this, e, input, v => throw Errors.InvalidPath(v));

    /// <summary>All outputs into a list (for arguments that need them all).</summary>
    public List<JqValue> Collect(Context c, Env? e, JqValue input)
    {
        var list = new List<JqValue>();
        if (IsSimple)
        {
            list.Add(Eval(c, e, input));
            return list;
        }

        BreakSignal.ThrowIfBreak(c.Run(this, e, input, v =>
        {
            list.Add(v);
            return Flow.Continue;
        }));
        return list;
    }
}

/// <summary>A node that is always exactly one output: Run is k(Eval).</summary>
internal abstract class SimpleNode : Node
{
    protected override bool ComputeSimple() => true;

    public abstract override JqValue Eval(Context c, Env? e, JqValue input);
}
