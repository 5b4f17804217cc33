namespace Runner.Domain.Jq.Runtime;

/// <summary>
/// A <c>break</c> that has to cross a node evaluated directly (e.g. inside <c>[…]</c>), where there is no flow
/// to return: the label's node catches it. Rare, so an exception is fine.
/// </summary>
internal sealed class BreakSignal(int label) : Exception
{
    public int Label { get; } = label;

    public static void ThrowIfBreak(int flow)
    {
        if (flow > 0)
        {
            throw new BreakSignal(flow);
        }
    }
}
