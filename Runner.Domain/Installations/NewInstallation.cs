using System.Text.Json;

namespace Runner.Domain.Installations;

/// <summary>
/// What a caller sends to create an installation; fields are nullable so missing ones are reported.
/// <see cref="Mapping"/> (a Port app config) replaces the integration's default, so the first resync already uses it.
/// </summary>
public sealed record NewInstallation(
    string? IntegrationType,
    string? Name,
    JsonElement? IntegrationSettings,
    ApplicationSettingsInput? ApplicationSettings,
    string? Mapping = null)
{
    // Integration settings may carry a new secret's value; records would print it.
    public override string ToString() => $"NewInstallation {{ IntegrationType = {IntegrationType}, Name = {Name} }}";
}
