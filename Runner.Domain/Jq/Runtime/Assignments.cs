namespace Runner.Domain.Jq.Runtime;

/// <summary>
/// The assignment operators as jq 1.7.1 defines them: <c>lhs |= f</c> replaces each path's value by f's
/// first output, deleting the path when f is empty; <c>lhs = rhs</c> and <c>lhs op= rhs</c> evaluate rhs
/// against <c>.</c> first, one result per rhs output.
/// </summary>
internal static class Assignments
{
    public static Node Create(string op, Node target, Node value) => op switch
    {
        "|=" => new UpdateNode(target, value),
        "=" => new SetNode(target, value, null),
        _ => new SetNode(target, value, op[..^1]),
    };

    private sealed class UpdateNode(Node target, Node update) : SimpleNode
    {
        public override JqValue Eval(Context c, Env? e, JqValue input)
        {
            var result = input;
            foreach (var path in Paths.Collect(c, e, target, input))
            {
                c.Step();
                var current = Paths.Get(c, result, path);
                var replaced = false;
                var next = JqValue.Null;
                if (update.IsSimple)
                {
                    next = update.Eval(c, e, current);
                    replaced = true;
                }
                else
                {
                    var id = c.NewLabel();
                    var flow = c.Run(update, e, current, v =>
                    {
                        next = v;
                        replaced = true;
                        return id;
                    });
                    if (flow != id)
                    {
                        BreakSignal.ThrowIfBreak(flow);
                    }
                }

                result = replaced
                    ? Paths.Set(c, result, path, next)
                    : Paths.Delete(c, result, new JqValue(JqArray.From(path)));
            }

            return result;
        }
    }

    private sealed class SetNode(Node target, Node value, string? op) : Node
    {
        public override int Run(Context c, Env? e, JqValue input, Emit k) => c.Run(value, e, input, v =>
        {
            var result = input;
            foreach (var path in Paths.Collect(c, e, target, input))
            {
                c.Step();
                var replacement = v;
                if (op is not null)
                {
                    var current = Paths.Get(c, result, path);
                    replacement = op == "//" ? (current.IsTruthy ? current : v) : Ops.Binary(c, op, current, v);
                }

                result = Paths.Set(c, result, path, replacement);
            }

            return k(result);
        });
    }
}
