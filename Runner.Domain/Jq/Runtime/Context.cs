namespace Runner.Domain.Jq.Runtime;

/// <summary>
/// The state of one evaluation: its budget counters, the pending tail call and the cancellation token.
/// Single-threaded; a program is shared, a context never is.
/// </summary>
internal sealed class Context(JqBudget budget, JqValue environment, CancellationToken ct)
{
    private long steps;
    private long memory;
    private int depth;
    private int labels;

    private Node? pendingNode;
    private Env? pendingEnv;
    private JqValue pendingInput;
    private Emit? pendingEmit;

    public JqValue Environment { get; } = environment;

    public int NewLabel() => ++labels;

    public void Step()
    {
        if (++steps > budget.MaxSteps)
        {
            throw new JqBudgetException($"step budget exceeded ({budget.MaxSteps} steps)");
        }

        if ((steps & 1023) == 0)
        {
            ct.ThrowIfCancellationRequested();
        }
    }

    /// <summary>Counts bytes of values this evaluation builds (strings, arrays, objects).</summary>
    public void Allocate(long bytes)
    {
        memory += bytes;
        if (memory > budget.MaxMemoryBytes)
        {
            throw new JqBudgetException($"memory budget exceeded ({budget.MaxMemoryBytes} bytes)");
        }
    }

    public int TailCall(Node node, Env? env, JqValue input, Emit k)
    {
        pendingNode = node;
        pendingEnv = env;
        pendingInput = input;
        pendingEmit = k;
        return Flow.Pending;
    }

    /// <summary>Runs a node to completion: tail calls it hands back run here, in a loop, not deeper on the stack.</summary>
    public int Run(Node node, Env? env, JqValue input, Emit k) => Drive(node.Run(this, env, input, k));

    public int Drive(int flow)
    {
        if (flow != Flow.Pending)
        {
            return flow;
        }

        if (++depth > budget.MaxDepth)
        {
            throw new JqBudgetException($"recursion depth budget exceeded ({budget.MaxDepth} nested calls)");
        }

        JqStack.Ensure();
        try
        {
            do
            {
                Step();
                var node = pendingNode!;
                var env = pendingEnv;
                var input = pendingInput;
                var k = pendingEmit!;
                pendingNode = null;
                pendingEmit = null;
                pendingEnv = null;
                flow = node.Run(this, env, input, k);
            }
            while (flow == Flow.Pending);
        }
        finally
        {
            depth--;
        }

        return flow;
    }
}
