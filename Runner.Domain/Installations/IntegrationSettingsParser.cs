using System.Text.Json;
using Runner.Domain.Common;
using Runner.Domain.Integrations;
using Runner.Domain.Secrets;

namespace Runner.Domain.Installations;

/// <summary>
/// Checks integration settings against the integration's schema: known names, types, required
/// ones, and that sensitive settings reference Port secrets instead of carrying values.
/// </summary>
internal static class IntegrationSettingsParser
{
    private const string Field = "integrationSettings";

    public sealed record Parsed(Dictionary<string, JsonElement?> Plain, Dictionary<string, SecretChoice?> Secrets);

    // partial (a PATCH): absent settings stay as they are; null removes an optional one.
    public static Parsed Parse(IntegrationDefinition integration, JsonElement settings, bool partial, SettingRuleContext context, ValidationErrors errors)
    {
        var parsed = new Parsed(new(StringComparer.Ordinal), new(StringComparer.Ordinal));
        if (settings.ValueKind != JsonValueKind.Object)
        {
            errors.Add(Field, "must be an object");
            return parsed;
        }
        foreach (var property in settings.EnumerateObject())
        {
            var field = $"{Field}.{property.Name}";
            var setting = integration.FindSetting(property.Name);
            if (setting is null)
            {
                errors.Add(field, $"is not a setting of {integration.Title}; known settings: {string.Join(", ", integration.Settings.Select(s => s.Name))}");
            }
            else if (property.Value.ValueKind == JsonValueKind.Null)
            {
                if (setting.Required)
                {
                    errors.Add(field, "is required and cannot be removed");
                }
                else if (setting.Sensitive)
                {
                    parsed.Secrets[setting.Name] = null;
                }
                else
                {
                    parsed.Plain[setting.Name] = null;
                }
            }
            else if (setting.Sensitive)
            {
                if (ParseSecretChoice(property.Value, field, errors) is { } choice)
                {
                    parsed.Secrets[setting.Name] = choice;
                }
            }
            else if (CheckPlain(setting, property.Value, field, context, errors))
            {
                parsed.Plain[setting.Name] = property.Value.Clone();
            }
        }
        if (!partial)
        {
            foreach (var missing in integration.Settings.Where(s => s.Required && !settings.TryGetProperty(s.Name, out _)))
            {
                errors.Add($"{Field}.{missing.Name}", "is required");
            }
        }
        return parsed;
    }

    private static bool CheckPlain(SettingDefinition setting, JsonElement value, string field, SettingRuleContext context, ValidationErrors errors)
    {
        var typeError = setting.Type switch
        {
            SettingType.String or SettingType.Url when value.ValueKind != JsonValueKind.String || value.GetString()!.Length == 0 => "must be a non-empty string",
            SettingType.String or SettingType.Url when value.GetString()!.Length > 2048 => "must be at most 2048 characters",
            SettingType.String or SettingType.Url when value.GetString()!.Contains('\0', StringComparison.Ordinal) => TextRules.NulReason,
            SettingType.StringArray when value.ValueKind != JsonValueKind.Array || value.EnumerateArray().Any(e => e.ValueKind != JsonValueKind.String) => "must be an array of strings",
            SettingType.StringArray when value.GetArrayLength() > 100 => "must have at most 100 entries",
            SettingType.StringArray when value.EnumerateArray().Any(e => e.GetString()!.Contains('\0', StringComparison.Ordinal)) => "entries " + TextRules.NulReason,
            SettingType.Integer when value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out _) => "must be an integer",
            SettingType.Boolean when value.ValueKind is not (JsonValueKind.True or JsonValueKind.False) => "must be true or false",
            _ => null,
        };
        var error = typeError ?? setting.Rule?.Invoke(value, context);
        if (error is not null)
        {
            errors.Add(field, error);
        }
        return error is null;
    }

    private static SecretChoice? ParseSecretChoice(JsonElement value, string field, ValidationErrors errors)
    {
        const string Usage = "use {\"secret\":\"<name>\"} to pick an existing Port secret or {\"newSecret\":{\"name\":\"<name>\",\"value\":\"<value>\"}} to create one";
        if (value.ValueKind != JsonValueKind.Object)
        {
            errors.Add(field, $"is sensitive and must reference a Port secret, not carry a value: {Usage}");
            return null;
        }
        var properties = value.EnumerateObject().ToList();
        if (properties.Count != 1 || properties[0].Name is not ("secret" or "newSecret"))
        {
            errors.Add(field, $"must have exactly one of 'secret' or 'newSecret': {Usage}");
            return null;
        }
        var choice = properties[0];
        if (choice.Name == "secret")
        {
            if (choice.Value.ValueKind != JsonValueKind.String)
            {
                errors.Add($"{field}.secret", "must be the name of a Port secret");
                return null;
            }
            // A name no secret can have is refused before anything is looked up (a NUL would break the query).
            SecretRules.CheckName(choice.Value.GetString(), $"{field}.secret", errors);
            return new ExistingSecret(choice.Value.GetString()!);
        }
        return ParseNewSecret(choice.Value, $"{field}.newSecret", errors);
    }

    private static NewSecret? ParseNewSecret(JsonElement value, string field, ValidationErrors errors)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            errors.Add(field, "must be an object with 'name' and 'value'");
            return null;
        }
        string? name = null, secretValue = null;
        foreach (var property in value.EnumerateObject())
        {
            switch (property.Name)
            {
                case "name" when property.Value.ValueKind == JsonValueKind.String:
                    name = property.Value.GetString();
                    break;
                case "value" when property.Value.ValueKind == JsonValueKind.String:
                    secretValue = property.Value.GetString();
                    break;
                case "name" or "value":
                    errors.Add($"{field}.{property.Name}", "must be a string");
                    return null;
                default:
                    errors.Add($"{field}.{property.Name}", "is not a known field; expected 'name' and 'value'");
                    return null;
            }
        }
        return name is null || secretValue is null
            ? Missing(name is null ? "name" : "value")
            : new NewSecret(name, secretValue);

        NewSecret? Missing(string what)
        {
            errors.Add($"{field}.{what}", "is required");
            return null;
        }
    }
}
