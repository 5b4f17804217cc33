using System.Text.Json.Nodes;

namespace Runner.Domain.Integrations;

/// <summary>Settings of the hosting itself, the same for every integration and editable after installation.</summary>
public static class ApplicationSettingsSchema
{
    public const int DefaultResyncIntervalHours = 1;
    public const bool DefaultSendRawDataExamples = true;

    /// <summary>Divisors of 24, so that a schedule lands at the same times every day (cron cannot express others).</summary>
    public static IReadOnlyList<int> AllowedResyncIntervalHours { get; } = [1, 2, 3, 4, 6, 8, 12, 24];

    public static IReadOnlyList<SettingDefinition> Settings { get; } =
    [
        new("resyncIntervalHours", "Resync interval", SettingType.Integer, Required: false, Sensitive: false,
            Default: DefaultResyncIntervalHours,
            Description: "How often Runner fetches everything from the source and updates the catalog: from every hour to once a day.")
        {
            AllowedValues = AllowedResyncIntervalHours.Select(h => (JsonNode)h).ToArray(),
        },
        new("sendRawDataExamples", "Send raw data examples", SettingType.Boolean, Required: false, Sensitive: false,
            Default: DefaultSendRawDataExamples,
            Description: "Keep a few raw objects of each kind from the last resync, so you can test your jq mapping against real data. Turn off to keep no raw data."),
    ];
}
