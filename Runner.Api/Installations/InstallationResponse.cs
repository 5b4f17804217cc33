using System.Text.Json.Nodes;
using Runner.Domain.Installations;
using Runner.Domain.LiveEvents;
using Runner.Domain.Resync.Runs;

namespace Runner.Api.Installations;

/// <summary>An installation as the API shows it: sensitive settings appear only as <c>{"secret":"name"}</c>.</summary>
public sealed record InstallationResponse(
    Guid Id,
    string IntegrationType,
    string Name,
    JsonObject IntegrationSettings,
    ApplicationSettingsResponse ApplicationSettings,
    InstallationStatus Status,
    string? StatusReason,
    LiveEventsResponse LiveEvents,
    DateTimeOffset? NextResyncAt,
    LastRunSummary? LastRun,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public static InstallationResponse From(Installation installation, LiveEventsOptions liveEvents, InboxBacklog.Pending? backlog, DateTimeOffset? nextResyncAt, ResyncRun? lastRun)
    {
        var settings = JsonNode.Parse(installation.SettingsJson)!.AsObject();
        foreach (var reference in installation.Secrets.OrderBy(s => s.SettingName, StringComparer.Ordinal))
        {
            settings[reference.SettingName] = new JsonObject { ["secret"] = reference.Secret!.Name };
        }
        return new(
            installation.Id,
            installation.IntegrationType,
            installation.Name,
            settings,
            new ApplicationSettingsResponse(
                installation.ResyncIntervalHours, installation.SendRawDataExamples, installation.LiveEvents, installation.IncrementalSync, installation.FullResyncIntervalHours),
            installation.Status,
            installation.StatusReason,
            LiveEventsResponse.From(installation, liveEvents, backlog),
            nextResyncAt,
            lastRun is null ? null : LastRunSummary.From(lastRun),
            installation.CreatedAt,
            installation.UpdatedAt);
    }
}

/// <summary>The installation's latest run in brief; the full record is at <c>/api/v1/resyncs/{id}</c>.</summary>
public sealed record LastRunSummary(
    Guid Id, ResyncRunStatus Status, ResyncTrigger Trigger, DateTimeOffset QueuedAt, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt,
    long Fetched, long Upserted, long Unchanged, long Deleted, long MappingErrors, string? Error, string? Reason)
{
    public static LastRunSummary From(ResyncRun run)
    {
        var report = run.Report;
        return new(run.Id, run.Status, run.Trigger, run.QueuedAt, run.StartedAt, run.FinishedAt,
            report.Kinds.Sum(k => k.Fetched), report.Kinds.Sum(k => k.Upserted), report.Kinds.Sum(k => k.Unchanged), report.Blueprints.Sum(b => b.Deleted),
            report.Kinds.Sum(k => k.MappingErrors), run.Error, run.Reason);
    }
}

public sealed record ApplicationSettingsResponse(int ResyncIntervalHours, bool SendRawDataExamples, bool LiveEvents, bool IncrementalSync, int FullResyncIntervalHours);

public sealed record InstallationList(IReadOnlyList<InstallationResponse> Items, string? NextCursor);
