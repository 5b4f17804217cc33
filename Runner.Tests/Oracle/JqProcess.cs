namespace Runner.Tests.Oracle;

/// <summary>
/// Process-wide set-up libjq 1.6 leaves to first use. Oniguruma (behind test/match/sub/gsub) initialises
/// its global tables lazily inside the first onig_new without a lock, so two threads running their first
/// regex at once race. Running one regex under a lock before any state is handed out removes the race.
/// (jq's own per-thread data — the out-of-memory handler and dtoa contexts — is thread-local in 1.6.)
/// </summary>
internal static unsafe class JqProcess
{
    private static readonly Lock Gate = new();
    private static bool initialized;

    internal static void EnsureInitialized()
    {
        if (Volatile.Read(ref initialized))
        {
            return;
        }

        lock (Gate)
        {
            if (!initialized)
            {
                RunFirstRegex();
                Volatile.Write(ref initialized, true);
            }
        }
    }

    private static void RunFirstRegex()
    {
        var state = LibJq.Init();
        try
        {
            if (LibJq.Compile(state, "\"a\" | test(\"a\")") != 1)
            {
                throw new InvalidOperationException("libjq could not compile its warm-up regex.");
            }

            ReadOnlySpan<byte> input = "null"u8;
            fixed (byte* bytes = input)
            {
                LibJq.Start(state, LibJq.ParseSized(bytes, input.Length), 0);
            }

            LibJq.Free(LibJq.Next(state));
            LibJq.Free(LibJq.Next(state));
        }
        finally
        {
            LibJq.Teardown(ref state);
        }
    }
}
