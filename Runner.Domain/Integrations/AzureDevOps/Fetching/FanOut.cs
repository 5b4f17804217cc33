using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace Runner.Domain.Integrations.AzureDevOps.Fetching;

/// <summary>
/// Fetches the sub-resources of several parents at once and streams their pages as they arrive. The channel
/// holds at most one page per worker, so memory stays flat however many parents there are.
/// </summary>
internal static class FanOut
{
    public static async IAsyncEnumerable<RawPage> MergeAsync<T>(
        IAsyncEnumerable<T> parents, int degree, Func<T, CancellationToken, IAsyncEnumerable<RawPage>> pagesOf,
        [EnumeratorCancellation] CancellationToken ct)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var channel = Channel.CreateBounded<RawPage>(degree);
        var producers = Task.Run(() => ProduceAsync(parents, degree, pagesOf, channel.Writer, stop.Token), CancellationToken.None);
        try
        {
            await foreach (var page in channel.Reader.ReadAllAsync(ct))
            {
                // ReadAllAsync hands out buffered pages without looking at the token: stop at this page boundary.
                ct.ThrowIfCancellationRequested();
                yield return page;
            }
        }
        finally
        {
            // The consumer stopped early or failed: stop the producers and wait so none outlives the fetch.
            await stop.CancelAsync();
            await producers;
        }
    }

    private static async Task ProduceAsync<T>(
        IAsyncEnumerable<T> parents, int degree, Func<T, CancellationToken, IAsyncEnumerable<RawPage>> pagesOf,
        ChannelWriter<RawPage> writer, CancellationToken ct)
    {
        try
        {
            var parallel = new ParallelOptions { MaxDegreeOfParallelism = degree, CancellationToken = ct };
            await Parallel.ForEachAsync(parents, parallel, async (parent, token) =>
            {
                await foreach (var page in pagesOf(parent, token).WithCancellation(token))
                {
                    await writer.WriteAsync(page, token);
                }
            });
            writer.Complete();
        }
        catch (Exception e)
        {
            writer.Complete(e);
        }
    }
}
