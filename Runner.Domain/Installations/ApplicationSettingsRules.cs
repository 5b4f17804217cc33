using Runner.Domain.Common;
using Runner.Domain.Integrations;

namespace Runner.Domain.Installations;

internal static class ApplicationSettingsRules
{
    public static void Check(ApplicationSettingsInput? settings, ValidationErrors errors)
    {
        if (settings?.ResyncIntervalHours is { } hours && !ApplicationSettingsSchema.AllowedResyncIntervalHours.Contains(hours))
        {
            errors.Add("applicationSettings.resyncIntervalHours",
                $"must be one of {string.Join(", ", ApplicationSettingsSchema.AllowedResyncIntervalHours)}");
        }
        if (settings?.FullResyncIntervalHours is { } full && !ApplicationSettingsSchema.AllowedFullResyncIntervalHours.Contains(full))
        {
            errors.Add("applicationSettings.fullResyncIntervalHours",
                $"must be one of {string.Join(", ", ApplicationSettingsSchema.AllowedFullResyncIntervalHours)}");
        }
    }
}
