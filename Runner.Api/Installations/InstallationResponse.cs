using System.Text.Json.Nodes;
using Runner.Domain.Installations;

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
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public static InstallationResponse From(Installation installation)
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
            new ApplicationSettingsResponse(installation.ResyncIntervalHours, installation.SendRawDataExamples),
            installation.Status,
            installation.StatusReason,
            installation.CreatedAt,
            installation.UpdatedAt);
    }
}

public sealed record ApplicationSettingsResponse(int ResyncIntervalHours, bool SendRawDataExamples);

public sealed record InstallationList(IReadOnlyList<InstallationResponse> Items);
