using System.Text.Json.Nodes;

namespace Runner.Domain.Integrations;

/// <summary>Settings of the hosting itself, the same for every integration and editable after installation.</summary>
public static class ApplicationSettingsSchema
{
    public const int DefaultResyncIntervalHours = 1;
    public const bool DefaultSendRawDataExamples = true;
    public const bool DefaultIncrementalSync = true;
    public const int DefaultFullResyncIntervalHours = 24;

    /// <summary>From a few times a day to weekly: a full run is what removes entities deleted at the source.</summary>
    public static IReadOnlyList<int> AllowedFullResyncIntervalHours { get; } = [6, 12, 24, 48, 168];
    public const bool DefaultLiveEvents = true;

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
        new("incrementalSync", "Incremental sync", SettingType.Boolean, Required: false, Sensitive: false,
            Default: DefaultIncrementalSync,
            Description: "Between full resyncs, scheduled resyncs fetch only what changed since the last one for the kinds that support it (work items, builds, releases, release deployments, pipeline runs, test runs, Advanced Security alerts) and skip the others. They add and update entities but delete none; turn off to make every resync full."),
        new("fullResyncIntervalHours", "Full resync interval", SettingType.Integer, Required: false, Sensitive: false,
            Default: DefaultFullResyncIntervalHours,
            Description: "With incremental sync on, how old the last full resync may be before a scheduled resync is a full one again: a full resync fetches every kind and removes entities deleted at the source.")
        {
            AllowedValues = AllowedFullResyncIntervalHours.Select(h => (JsonNode)h).ToArray(),
        },
        new("liveEvents", "Live events", SettingType.Boolean, Required: false, Sensitive: false,
            Default: DefaultLiveEvents,
            Description: "Subscribe to Azure DevOps service hooks so changes reach the catalog within seconds, between resyncs. Needs a token with the service hooks scope; turn off to remove Runner's subscriptions."),
    ];
}
