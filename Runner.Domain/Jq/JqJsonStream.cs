using System.Text.Json;

namespace Runner.Domain.Jq;

/// <summary>
/// Reads a whitespace-separated stream of JSON values, as jq does, one value at a time through one reusable
/// buffer (it grows to at most about twice the largest single value). A value is valid until the next call to
/// <see cref="TryRead"/>, whose document reuses the buffer: keep one longer with <see cref="JsonElement.Clone"/>.
/// </summary>
public sealed class JqJsonStream(Stream input) : IDisposable
{
    private static readonly JsonReaderOptions ReaderOptions = new() { AllowMultipleValues = true, MaxDepth = 10_000 };
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 10_000 };

    private byte[] buffer = new byte[1 << 16];
    private int start;
    private int end;
    private bool eof;
    private JsonDocument? current;

    /// <exception cref="JsonException">The input is not JSON.</exception>
    public bool TryRead(out JqValue value)
    {
        current?.Dispose();
        current = null;
        while (true)
        {
            var reader = new Utf8JsonReader(buffer.AsSpan(start, end - start), eof, new JsonReaderState(ReaderOptions));
            if (reader.Read() && (reader.TokenType is not (JsonTokenType.StartObject or JsonTokenType.StartArray) || reader.TrySkip()))
            {
                // Framed by the reader, parsed in place (the document points into the buffer, no copy).
                var length = (int)reader.BytesConsumed;
                current = JsonDocument.Parse(buffer.AsMemory(start, length), DocumentOptions);
                start += length;
                value = JqValue.FromElement(current.RootElement);
                return true;
            }

            if (eof)
            {
                value = JqValue.Null;
                return false;
            }

            Fill();
        }
    }

    // Reads until the unparsed part has at least doubled (or the input ends): a value larger than one read is
    // framed again only log(size) times, not once per read, however small the reads are.
    private void Fill()
    {
        var pending = end - start;
        if (start > 0)
        {
            Buffer.BlockCopy(buffer, start, buffer, 0, pending);
            end = pending;
            start = 0;
        }

        var target = Math.Max(2 * pending, pending + 1);
        if (target > buffer.Length)
        {
            Array.Resize(ref buffer, Math.Max(target, buffer.Length * 2));
        }

        while (end < target)
        {
            var read = input.Read(buffer, end, buffer.Length - end);
            if (read == 0)
            {
                eof = true;
                return;
            }

            end += read;
        }
    }

    public void Dispose()
    {
        current?.Dispose();
        input.Dispose();
    }
}
