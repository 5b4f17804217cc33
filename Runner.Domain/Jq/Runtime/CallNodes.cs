namespace Runner.Domain.Jq.Runtime;

/// <summary>A jq function: its body is compiled after the info exists, so it can call itself.</summary>
internal sealed class FunctionInfo(string name, IReadOnlyList<string> parameters)
{
    public string Name { get; } = name;

    public IReadOnlyList<string> Parameters { get; } = parameters;

    public Node Body { get; set; } = IdentityNode.Instance;

    public bool HasValueParameters { get; } = parameters.Any(p => p.StartsWith('$'));

    /// <summary>Calls itself (directly or from a function defined inside it); set by the compiler.</summary>
    public bool Recursive { get; set; }
}

/// <summary>
/// A call to a jq-defined function. The body runs in the definition's frame plus one frame per argument
/// (a closure over the caller's frame), and is handed back as a tail call so recursion in tail position
/// does not grow the stack. Library functions (hops &lt; 0) are defined outside any frame.
/// </summary>
internal sealed class CallNode(FunctionInfo function, int hops, Node[] args) : Node
{
    // A program's own function that does not recurse and binds every $parameter to exactly one value can be
    // called directly (no tail call, no continuation): its nesting is bounded by the program's text.
    private bool Direct => hops >= 0 && !function.Recursive && simpleValues;

    protected override bool ComputeSimple() => Direct && function.Body.IsSimple;

    // Without arguments the body's frame is the definition's, so the body can be asked without building one.
    public override bool AtMostOneIn(Env? e) => Direct && (function.Body.IsSimple || (args.Length == 0 && function.Body.AtMostOneIn(Env.Up(e, hops))));

    public override JqValue Eval(Context c, Env? e, JqValue input)
    {
        c.Step();
        return function.Body.Eval(c, Bind(c, e, input), input);
    }

    public override int Eval01(Context c, Env? e, JqValue input, out JqValue value)
    {
        c.Step();
        return function.Body.Eval01(c, Bind(c, e, input), input, out value);
    }

    private Env? Bind(Context c, Env? e, JqValue input)
    {
        var env = Env.Up(e, hops);
        for (var i = 0; i < args.Length; i++)
        {
            env = new CodeFrame(env, args[i], e);
            if (function.Parameters[i].StartsWith('$'))
            {
                env = new ValueFrame(env, args[i].Eval(c, e, input));
            }
        }

        return env;
    }

    public override int Run(Context c, Env? e, JqValue input, Emit k)
    {
        if (IsSimple)
        {
            return k(Eval(c, e, input));
        }

        c.Step();
        var env = hops < 0 ? null : Env.Up(e, hops);
        if (!function.HasValueParameters)
        {
            foreach (var arg in args)
            {
                env = new CodeFrame(env, arg, e);
            }

            return c.TailCall(function.Body, env, input, k);
        }

        if (simpleValues)
        {
            // Every $parameter has exactly one value: bind them without continuations.
            return c.TailCall(function.Body, Bind(c, e, input), input, k);
        }

        return BindValues(c, e, input, 0, env, (body, bodyEnv) => c.Run(body, bodyEnv, input, k));
    }

    private readonly bool simpleValues = args.Select((a, i) => !function.Parameters[i].StartsWith('$') || a.IsSimple).All(x => x);

    private int BindValues(Context c, Env? caller, JqValue input, int i, Env? env, Func<Node, Env?, int> k)
    {
        if (i == args.Length)
        {
            return k(function.Body, env);
        }

        env = new CodeFrame(env, args[i], caller);
        if (!function.Parameters[i].StartsWith('$'))
        {
            return BindValues(c, caller, input, i + 1, env, k);
        }

        var closure = env;
        return c.Run(args[i], caller, input, v => BindValues(c, caller, input, i + 1, new ValueFrame(closure, v), k));
    }

    public override int RunPath(Context c, Env? e, JqValue input, JqPath? path, PathEmit k)
    {
        c.Step();
        var env = hops < 0 ? null : Env.Up(e, hops);
        return BindValues(c, e, input, 0, env, (body, bodyEnv) => c.Drive(body.RunPath(c, bodyEnv, input, path, k)));
    }
}

/// <summary>A call to a filter parameter: runs the argument's code in the frame it was written in.</summary>
internal sealed class ParameterCallNode(int hops) : Node
{
    public override int Run(Context c, Env? e, JqValue input, Emit k)
    {
        var frame = Env.CodeAt(e, hops);
        return frame.Code.Run(c, frame.CodeEnv, input, k);
    }

    public override bool AtMostOneIn(Env? e)
    {
        var frame = Env.CodeAt(e, hops);
        return frame.Code.AtMostOneIn(frame.CodeEnv);
    }

    public override int Eval01(Context c, Env? e, JqValue input, out JqValue value)
    {
        var frame = Env.CodeAt(e, hops);
        return frame.Code.Eval01(c, frame.CodeEnv, input, out value);
    }

    public override int RunPath(Context c, Env? e, JqValue input, JqPath? path, PathEmit k)
    {
        var frame = Env.CodeAt(e, hops);
        return frame.Code.RunPath(c, frame.CodeEnv, input, path, k);
    }
}
