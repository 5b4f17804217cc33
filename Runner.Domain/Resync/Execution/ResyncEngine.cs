using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Runner.Domain.Catalog;
using Runner.Domain.Egress;
using Runner.Domain.Installations;
using Runner.Domain.Integrations;
using Runner.Domain.Mapping;
using Runner.Domain.Persistence;
using Runner.Domain.Resync.Runs;

namespace Runner.Domain.Resync.Execution;

/// <summary>
/// One resync of one installation: every resource of its mapping is fetched, mapped and written
/// in batches; only then are stale entities reconciled, blueprint by blueprint. A failure before
/// the end leaves the catalog as the last complete run left it, plus what this run upserted.
/// </summary>
public sealed partial class ResyncEngine(
    RunnerDbContext db,
    ResyncRunRecorder recorder,
    ResourceSync resources,
    ResyncReconciliation reconciliation,
    RawExamples examples,
    ResyncRunService runs,
    IntegrationSources sources,
    CatalogWriter catalog,
    ResyncMetrics metrics,
    ResyncHeartbeats heartbeats,
    CompiledMappings mappings,
    IBackgroundJobClient jobs,
    IOptions<ResyncOptions> options,
    TimeProvider clock,
    ILogger<ResyncEngine> logger)
{
    public async Task RunAsync(ResyncRun run, CancellationToken ct)
    {
        using var activity = Hosting.RunnerTelemetry.ActivitySource.StartActivity("resync");
        activity?.SetTag("runner.run_id", run.Id);
        activity?.SetTag("runner.installation_id", run.InstallationId);
        metrics.Started(run);
        var report = new ResyncReport();
        var installation = await db.Installations.Include(i => i.Secrets).SingleAsync(i => i.Id == run.InstallationId, ct);
        using var heartbeat = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var beating = BeatAsync(run.Id, heartbeat.Token);
        try
        {
            var (status, error) = await SyncAsync(run, installation, report, ct);
            await FinishAsync(run, status, error, null, report);
            if (report.Kinds.Count > 0 && report.Kinds.All(k => k.FetchErrors.Count > 0 && k.Fetched == 0))
            {
                // Not one object could be read: the organization was unreachable or failing, which is worth a retry.
                await RetryAsync(run);
            }
        }
        catch (CredentialsRefusedException e)
        {
            installation.Status = InstallationStatus.NeedsAttention;
            installation.StatusReason = e.Message;
            await FinishAsync(run, ResyncRunStatus.Failed, e.Message, null, report);
            LogAuthenticationFailed(logger, run.Id, run.InstallationId);
        }
        catch (ResyncCancelledException e)
        {
            await FinishAsync(run, ResyncRunStatus.Cancelled, null, e.Message, report);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The Worker is stopping: hand the run back, and let Hangfire requeue the job for another Worker.
            await recorder.RequeueAsync(run, CancellationToken.None);
            throw;
        }
        catch (Exception e) when (e is SourceUnreachableException or KindIncompleteException or Npgsql.NpgsqlException { IsTransient: true })
        {
            await FinishAsync(run, ResyncRunStatus.Failed, TransientMessage(e), null, report);
            await RetryAsync(run);
        }
        catch (Exception e) when (e is MappingValidationException or EgressRefusedException)
        {
            await FinishAsync(run, ResyncRunStatus.Failed, e.Message, null, report);
        }
        catch (Exception e)
        {
            LogUnexpected(logger, e, run.Id);
            await FinishAsync(run, ResyncRunStatus.Failed,
                $"Runner failed unexpectedly (trace {activity?.TraceId.ToString() ?? "none"}); nothing was deleted.", null, report);
        }
        finally
        {
            await heartbeat.CancelAsync();
            await beating;
            await catalog.DropStagedAsync(run.Id, CancellationToken.None);
        }
    }

    private async Task<(ResyncRunStatus Status, string? Error)> SyncAsync(ResyncRun run, Installation installation, ResyncReport report, CancellationToken ct)
    {
        var compiled = mappings.Get(installation.MappingText);
        var config = compiled.Config;
        using var source = await sources.OpenAsync(installation, ct);

        var outcomes = new List<ResyncReconciliation.ResourceOutcome>();
        var kept = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var batch = 0;
        foreach (var mapper in compiled.Resources)
        {
            using var kindActivity = Hosting.RunnerTelemetry.ActivitySource.StartActivity($"resync {mapper.Resource.Kind}");
            var kind = report.Kind(mapper.Resource.Kind);
            var keep = installation.SendRawDataExamples && !kept.ContainsKey(kind.Kind) ? kept[kind.Kind] = [] : null;
            var blueprints = await resources.SyncAsync(source, run, mapper, config.EnableMergeEntity, kind, keep, () => batch++, report, ct);
            outcomes.Add(new(mapper.Resource, blueprints, kind));
        }

        var cost = source.Cost;
        (report.Http.Requests, report.Http.Throttled, report.Http.Retries, report.Http.DelayHonouredSeconds) =
            (cost.Requests, cost.Throttled, cost.Retries, cost.DelayHonoured.TotalSeconds);
        await reconciliation.RunAsync(run.Id, installation.Id, config, outcomes, report, ct);
        await KeepExamplesAsync(installation, kept, ct);
        if (installation.Status == InstallationStatus.NeedsAttention && run.Trigger == ResyncTrigger.Manual)
        {
            installation.Status = InstallationStatus.Active;
            installation.StatusReason = null;
        }
        var incomplete = report.Kinds.Where(k => k.FetchErrors.Count > 0).Select(k => k.Kind).ToList();
        return incomplete.Count == 0
            ? (ResyncRunStatus.Succeeded, null)
            : (ResyncRunStatus.Failed, $"Some kinds were not fetched completely ({string.Join(", ", incomplete)}); their stale entities were kept.");
    }

    private async Task FinishAsync(ResyncRun run, ResyncRunStatus status, string? error, string? reason, ResyncReport report)
    {
        await recorder.FinishAsync(run, status, error, reason, report, CancellationToken.None);
        metrics.Finished(run, report);
        LogFinished(logger, run.Id, status);
    }

    /// <summary>At most two automatic retries, four times further apart each time; the next scheduled run is the real retry.</summary>
    private async Task RetryAsync(ResyncRun failed)
    {
        if (failed.Attempt >= ResyncOptions.MaxAttempts)
        {
            return;
        }
        var retry = await runs.TryQueueAsync(failed.InstallationId, ResyncTrigger.Retry, failed.DueAt, failed.Attempt + 1, failed.Id, CancellationToken.None);
        if (retry is not null)
        {
            var delay = options.Value.RetryDelay * Math.Pow(4, failed.Attempt - 1);
            jobs.Schedule<ResyncJob>(job => job.RunAsync(retry.Id, CancellationToken.None), delay);
        }
    }

    // Its own connection (not the engine's DbContext): a long page or write must not stop the heartbeat.
    private async Task BeatAsync(Guid runId, CancellationToken ct)
    {
        using var timer = new PeriodicTimer(options.Value.HeartbeatInterval, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(ct))
            {
                await heartbeats.BeatAsync(runId, ct);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task KeepExamplesAsync(Installation installation, Dictionary<string, List<string>> kept, CancellationToken ct)
    {
        if (!installation.SendRawDataExamples)
        {
            await examples.DeleteAllAsync(installation.Id, ct);
            return;
        }
        foreach (var (kind, objects) in kept)
        {
            await examples.ReplaceAsync(installation.Id, kind, objects, clock.GetUtcNowForDatabase(), ct);
        }
    }

    private static string TransientMessage(Exception e) => e switch
    {
        Npgsql.NpgsqlException => "The catalog database was unavailable; the run will be retried.",
        _ => e.Message,
    };

    [LoggerMessage(Level = LogLevel.Error, Message = "Resync run {RunId} failed unexpectedly")]
    private static partial void LogUnexpected(ILogger logger, Exception exception, Guid runId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Resync run {RunId} finished: {Status}")]
    private static partial void LogFinished(ILogger logger, Guid runId, ResyncRunStatus status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Resync run {RunId}: the source rejected the credentials of installation {InstallationId}; it needs attention")]
    private static partial void LogAuthenticationFailed(ILogger logger, Guid runId, Guid installationId);
}
