using Runner.Domain.Resync.Runs;

namespace Runner.Domain.Resync.Execution;

/// <summary>
/// Saves a running run's live report as the pipeline goes. A cancel request found while saving cancels the
/// run's token (as the heartbeat does between saves), so the pipeline stops like any cancelled work.
/// </summary>
public sealed class RunProgress(ResyncRunRecorder recorder, ResyncRun run, CancellationTokenSource cancel)
{
    public async Task SaveAsync(CancellationToken ct)
    {
        if (await recorder.SaveProgressAsync(run, ct))
        {
            await cancel.CancelAsync();
        }
    }
}
