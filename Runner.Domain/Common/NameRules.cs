namespace Runner.Domain.Common;

/// <summary>The display-name rule shared by tenants, API keys and installations.</summary>
public static class NameRules
{
    public const int MaxLength = 100;

    /// <returns>The trimmed name (reported in <paramref name="errors"/> when empty or too long).</returns>
    public static string? Check(string? name, ValidationErrors errors, bool required = true)
    {
        var trimmed = name?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            errors.Add("name", required ? "is required" : "must not be empty");
        }
        else if (trimmed.Length > MaxLength)
        {
            errors.Add("name", $"must be at most {MaxLength} characters");
        }
        else if (trimmed.Any(char.IsControl))
        {
            errors.Add("name", "must not contain control characters (NUL, line breaks, tabs)");
        }
        return trimmed;
    }
}
