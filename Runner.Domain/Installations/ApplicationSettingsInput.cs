namespace Runner.Domain.Installations;

public sealed record ApplicationSettingsInput(
    int? ResyncIntervalHours, bool? SendRawDataExamples, bool? LiveEvents = null, bool? IncrementalSync = null, int? FullResyncIntervalHours = null);
