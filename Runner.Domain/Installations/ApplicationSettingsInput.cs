namespace Runner.Domain.Installations;

public sealed record ApplicationSettingsInput(int? ResyncIntervalHours, bool? SendRawDataExamples);
