using System.Runtime.InteropServices;

namespace Runner.Tests.Oracle;

/// <summary>
/// One <c>jq_state</c> holding one compiled program. jq compiles into the state, so each state compiles
/// once; a state is used by one thread at a time (see <see cref="LibJqProgram"/>). The handle tears it down
/// even if its owner is never disposed.
/// </summary>
internal sealed unsafe class JqStateHandle : SafeHandle
{
    // Compile diagnostics arrive through jq's error callback on the compiling thread.
    [ThreadStatic]
    private static List<string>? compileMessages;

    private JqStateHandle() : base(nint.Zero, ownsHandle: true)
    {
    }

    public override bool IsInvalid => handle == nint.Zero;

    internal static JqStateHandle Compile(string program)
    {
        JqProcess.EnsureInitialized();
        var state = new JqStateHandle();
        state.SetHandle(LibJq.Init());
        if (state.IsInvalid)
        {
            throw new OutOfMemoryException("jq_init returned no state.");
        }

        LibJq.SetErrorCallback(state.handle, &CollectMessage, nint.Zero);
        var messages = compileMessages = [];
        try
        {
            if (LibJq.Compile(state.handle, program) == 1)
            {
                return state;
            }
        }
        finally
        {
            compileMessages = null;
        }

        state.Dispose();
        throw new LibJqCompileException(program, DescribeFailure(messages));
    }

    protected override bool ReleaseHandle()
    {
        LibJq.Teardown(ref handle);
        return true;
    }

    // jq ends every failed compile with a "jq: N compile error(s)" summary that adds nothing.
    private static string DescribeFailure(List<string> messages)
    {
        var details = messages.Where(m => !m.StartsWith("jq: ", StringComparison.Ordinal) || m.StartsWith("jq: error", StringComparison.Ordinal));
        var text = string.Join("\n", details);
        return text.Length > 0 ? text : string.Join("\n", messages);
    }

    [UnmanagedCallersOnly]
    private static void CollectMessage(nint data, Jv message)
    {
        // The callback owns the message; runtime reports outside a compile are dropped.
        var text = JvStrings.TakeMessage(LibJq.FormatError(message));
        compileMessages?.Add(text);
    }
}
