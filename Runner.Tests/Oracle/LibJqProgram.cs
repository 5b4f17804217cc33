using System.Buffers;
using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Runner.Tests.Oracle;

/// <summary>
/// The oracle: a jq program compiled by the real libjq 1.6 (Debian's libjq1), which the native engine's
/// differential tests compare against; product code never runs it. Safe to evaluate from many threads. A jq_state is not
/// thread-safe and jq compiles into the state, so the program keeps a pool of compiled states: each
/// evaluation rents one, and a new one is compiled only when all are busy (at most one per concurrent
/// caller). Values never cross states, so jq's non-atomic reference counts are never shared.
/// </summary>
public sealed unsafe class LibJqProgram : IDisposable
{
    private readonly ConcurrentBag<JqStateHandle> idle = [];
    private volatile bool disposed;

    private LibJqProgram(string text, JqStateHandle first)
    {
        Text = text;
        idle.Add(first);
    }

    /// <summary>The program exactly as given to jq (the jq CLI runs it the same way).</summary>
    public string Text { get; }

    /// <exception cref="LibJqCompileException">jq rejected the program.</exception>
    public static LibJqProgram Compile(string text) => new(text, JqStateHandle.Compile(text));

    public LibJqResult Evaluate(ReadOnlySpan<byte> utf8Json)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        var state = idle.TryTake(out var pooled) ? pooled : JqStateHandle.Compile(Text);
        try
        {
            return Run(state, utf8Json);
        }
        finally
        {
            Return(state);
        }
    }

    public LibJqResult Evaluate(JsonElement input) => Evaluate(JsonMarshal.GetRawUtf8Value(input));

    public LibJqResult Evaluate(JsonNode? input)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            if (input is null)
            {
                writer.WriteNullValue();
            }
            else
            {
                input.WriteTo(writer);
            }
        }

        return Evaluate(buffer.WrittenSpan);
    }

    public void Dispose()
    {
        disposed = true;
        while (idle.TryTake(out var state))
        {
            state.Dispose();
        }
    }

    private static LibJqResult Run(JqStateHandle state, ReadOnlySpan<byte> utf8Json)
    {
        Jv input;
        fixed (byte* bytes = utf8Json)
        {
            input = LibJq.ParseSized(bytes, utf8Json.Length);
        }

        if (LibJq.GetKind(input) == JvKind.Invalid)
        {
            return new LibJqResult([], "Input is not valid JSON: " + JqErrors.Describe(input));
        }

        var handle = state.DangerousGetHandle();
        LibJq.Start(handle, input, 0);
        var outputs = new List<byte[]>(1);
        while (true)
        {
            var next = LibJq.Next(handle);
            if (LibJq.GetKind(next) != JvKind.Invalid)
            {
                outputs.Add(JvStrings.TakeJson(next));
                continue;
            }

            return new LibJqResult(outputs, JqErrors.DescribeEnd(next, LibJq.Halted(handle) != 0));
        }
    }

    private void Return(JqStateHandle state)
    {
        if (disposed)
        {
            state.Dispose();
            return;
        }

        idle.Add(state);
    }
}
