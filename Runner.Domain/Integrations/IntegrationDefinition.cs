namespace Runner.Domain.Integrations;

/// <summary>An integration type tenants can install: what it syncs and the settings it needs.</summary>
public sealed record IntegrationDefinition(
    string Type,
    string Title,
    string Description,
    IReadOnlyList<string> InstallationMethods,
    IReadOnlyList<string> Kinds,
    IReadOnlyList<SettingDefinition> Settings)
{
    public SettingDefinition? FindSetting(string name) => Settings.FirstOrDefault(s => s.Name == name);
}
