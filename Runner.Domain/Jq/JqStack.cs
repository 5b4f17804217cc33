using System.Runtime.CompilerServices;

namespace Runner.Domain.Jq;

/// <summary>Guards recursion over deep values and programs: a jq error instead of a StackOverflow that kills the process.</summary>
internal static class JqStack
{
    public static void Ensure()
    {
        if (!RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            throw new JqBudgetException("recursion depth budget exceeded");
        }
    }
}
