namespace Runner.Api.LiveEvents;

/// <summary>Reads a request body into memory up to a limit; null when it is longer (never buffers more than the limit).</summary>
internal static class BoundedBody
{
    public static async Task<ReadOnlyMemory<byte>?> ReadAsync(HttpRequest request, long limit, CancellationToken ct)
    {
        // A declared length over the limit makes Kestrel's first read throw 413 (below), like any other endpoint's body.
        var buffer = new byte[Math.Min(limit + 1, request.ContentLength + 1 ?? 64 * 1024)];
        var length = 0;
        try
        {
            while (true)
            {
                if (length == buffer.Length)
                {
                    if (length > limit)
                    {
                        return null;
                    }
                    Array.Resize(ref buffer, (int)Math.Min(limit + 1, buffer.Length * 2L));
                }
                var read = await request.Body.ReadAsync(buffer.AsMemory(length), ct);
                if (read == 0)
                {
                    return length > limit ? null : buffer.AsMemory(0, length);
                }
                length += read;
            }
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return null;
        }
    }
}
