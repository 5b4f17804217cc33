using System.Text.Json;

namespace Runner.Domain.Common;

/// <summary>
/// What PostgreSQL cannot store: a NUL character in text or jsonb (error 22021/22P05), text longer than its
/// column, invalid UTF-8. Checked where tenant text enters, so it is a 400 naming the field, never a 500.
/// </summary>
public static class TextRules
{
    public const string NulReason = "must not contain NUL characters";

    /// <summary>Free text (a search, a cursor): no NUL, at most <paramref name="maxLength"/> characters.</summary>
    public static void Check(string? text, string field, int maxLength, ValidationErrors errors)
    {
        if (text is null)
        {
            return;
        }
        if (text.Contains('\0', StringComparison.Ordinal))
        {
            errors.Add(field, NulReason);
        }
        else if (text.Length > maxLength)
        {
            errors.Add(field, $"must be at most {maxLength} characters");
        }
    }

    /// <summary>
    /// A JSON document a tenant sent as-is (a blueprint): every key appears once per object, no key or string holds
    /// a NUL, and all of it is valid UTF-8. Errors name the JSON path (<c>schema.properties.x.enum[1]</c>).
    /// </summary>
    public static void CheckJson(JsonElement element, ValidationErrors errors)
    {
        try
        {
            Walk(element, "", errors);
        }
        catch (InvalidOperationException)
        {
            // JsonElement decodes strings lazily: invalid UTF-8 in the body surfaces here.
            errors.Add("body", "is not valid UTF-8");
        }
    }

    // Recursion is bounded: request bodies are read with System.Text.Json's depth limit (64).
    private static void Walk(JsonElement element, string path, ValidationErrors errors)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var seen = new HashSet<string>(StringComparer.Ordinal);
                foreach (var property in element.EnumerateObject())
                {
                    var child = path.Length == 0 ? property.Name : $"{path}.{property.Name}";
                    if (property.Name.Contains('\0', StringComparison.Ordinal))
                    {
                        errors.Add(path.Length == 0 ? "body" : path, "has a key with a NUL character; keys " + NulReason);
                    }
                    else if (!seen.Add(property.Name))
                    {
                        errors.Add(child, "appears twice; each key must appear once");
                    }
                    else
                    {
                        Walk(property.Value, child, errors);
                    }
                }
                break;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    Walk(item, $"{path}[{index++}]", errors);
                }
                break;
            case JsonValueKind.String when element.GetString()!.Contains('\0', StringComparison.Ordinal):
                errors.Add(path.Length == 0 ? "body" : path, NulReason);
                break;
        }
    }
}
