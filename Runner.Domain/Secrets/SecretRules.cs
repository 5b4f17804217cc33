using System.Text.RegularExpressions;
using Runner.Domain.Common;

namespace Runner.Domain.Secrets;

/// <summary>Rules for secret names and values; messages never echo a value.</summary>
public static partial class SecretRules
{
    public const int MaxValueLength = 16 * 1024;

    public static void CheckName(string? name, string field, ValidationErrors errors)
    {
        if (string.IsNullOrEmpty(name))
        {
            errors.Add(field, "is required");
        }
        else if (!NamePattern().IsMatch(name))
        {
            errors.Add(field, "must match ^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$ (letters, digits, '_' and '-', at most 64, starting with a letter or digit)");
        }
    }

    public static void CheckValue(string? value, string field, ValidationErrors errors)
    {
        if (string.IsNullOrEmpty(value))
        {
            errors.Add(field, "is required and must not be empty");
        }
        else if (value.Length > MaxValueLength)
        {
            errors.Add(field, $"must be at most {MaxValueLength} characters");
        }
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$")]
    private static partial Regex NamePattern();
}
