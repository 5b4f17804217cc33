using System.Text.Json;

namespace Runner.Domain.Installations;

/// <summary>A partial change: only the fields present are changed.</summary>
public sealed record InstallationChanges(
    string? Name,
    JsonElement? IntegrationSettings,
    ApplicationSettingsInput? ApplicationSettings)
{
    public override string ToString() => $"InstallationChanges {{ Name = {Name} }}";
}
