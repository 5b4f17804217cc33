using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Runner.Domain.Egress;
using Runner.Domain.Installations;
using Runner.Domain.Integrations.AzureDevOps;
using Runner.Domain.Integrations.AzureDevOps.Http;
using Runner.Domain.Mapping;
using Runner.Domain.Persistence;
using Runner.Domain.Secrets;

namespace Runner.Domain.Resync;

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
    SecretReader secrets,
    Catalog.CatalogReconciler staging,
    TimeProvider clock,
    ILogger<ResyncEngine> logger)
{
    public async Task RunAsync(Guid runId, CancellationToken ct)
    {
        var run = await recorder.StartAsync(runId, ct);
        if (run is null)
        {
            LogNotQueued(logger, runId);
            return;
        }
        using var activity = Hosting.RunnerTelemetry.ActivitySource.StartActivity("resync");
        activity?.SetTag("runner.run_id", runId);
        activity?.SetTag("runner.installation_id", run.InstallationId);
        var report = new ResyncReport();
        var installation = await db.Installations.Include(i => i.Secrets).SingleAsync(i => i.Id == run.InstallationId, ct);
        try
        {
            var status = await SyncAsync(run, installation, report, ct);
            await recorder.FinishAsync(run, status.Status, status.Error, report, CancellationToken.None);
            LogFinished(logger, runId, status.Status);
        }
        catch (AzureDevOpsAuthenticationException e)
        {
            installation.Status = InstallationStatus.NeedsAttention;
            installation.StatusReason = e.Message;
            await recorder.FinishAsync(run, ResyncRunStatus.Failed, e.Message, report, CancellationToken.None);
            LogAuthenticationFailed(logger, runId, run.InstallationId);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            await recorder.FinishAsync(run, ResyncRunStatus.Cancelled, "The run was cancelled.", report, CancellationToken.None);
        }
        catch (Exception e) when (e is MappingValidationException or AzureDevOpsUnreachableException or AzureDevOpsFetchException or EgressRefusedException)
        {
            await recorder.FinishAsync(run, ResyncRunStatus.Failed, e.Message, report, CancellationToken.None);
        }
        catch (Exception e)
        {
            LogUnexpected(logger, e, runId);
            await recorder.FinishAsync(run, ResyncRunStatus.Failed,
                $"Runner failed unexpectedly (trace {activity?.TraceId.ToString() ?? "none"}); nothing was deleted.", report, CancellationToken.None);
        }
        finally
        {
            await staging.DropStagedAsync(runId, CancellationToken.None);
        }
    }

    private async Task<(ResyncRunStatus Status, string? Error)> SyncAsync(ResyncRun run, Installation installation, ResyncReport report, CancellationToken ct)
    {
        var config = InstallationMapping.Validate(installation.MappingText);
        using var compiled = PortAppConfigCompiler.Compile(config);
        var pat = await secrets.RevealAsync(installation.Secrets.Single(s => s.SettingName == "personalAccessToken").SecretId, ct);
        using var source = resources.Open(installation, pat);

        var outcomes = new List<ResyncReconciliation.ResourceOutcome>();
        var kept = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var batch = 0;
        foreach (var mapper in compiled.Resources)
        {
            var kind = report.Kind(mapper.Resource.Kind);
            var keep = installation.SendRawDataExamples && !kept.ContainsKey(kind.Kind) ? kept[kind.Kind] = [] : null;
            var blueprints = await resources.SyncAsync(source, run, mapper, config.EnableMergeEntity, kind, keep, () => batch++, report, ct);
            outcomes.Add(new(mapper.Resource, blueprints, kind));
        }

        (report.Http.Requests, report.Http.Throttled, report.Http.Retries, report.Http.DelayHonouredSeconds) =
            (source.Counters.Requests, source.Counters.Throttled, source.Counters.Retries, source.Counters.DelayHonoured.TotalSeconds);
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

    [LoggerMessage(Level = LogLevel.Error, Message = "Resync run {RunId} failed unexpectedly")]
    private static partial void LogUnexpected(ILogger logger, Exception exception, Guid runId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Resync run {RunId} is not queued any more; nothing to do")]
    private static partial void LogNotQueued(ILogger logger, Guid runId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Resync run {RunId} finished: {Status}")]
    private static partial void LogFinished(ILogger logger, Guid runId, ResyncRunStatus status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Resync run {RunId}: Azure DevOps rejected the token of installation {InstallationId}; it needs attention")]
    private static partial void LogAuthenticationFailed(ILogger logger, Guid runId, Guid installationId);
}
