using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc;
using Runner.Domain.Common;

namespace Runner.Api.Errors;

/// <summary>
/// Turns ASP.NET's request-binding failures (which name C# types and say "Did you mean to use a Service")
/// into problems in the API's words, naming the query parameter, route value or body that was wrong.
/// </summary>
internal static partial class RequestReadingProblems
{
    public static ProblemDetails From(BadHttpRequestException exception) => exception switch
    {
        { InnerException: JsonException json } => FromJson(json),
        { StatusCode: 413 } => new ProblemDetails { Status = 413, Title = "Payload Too Large", Detail = $"The request body must be at most {InputLimits.MaxRequestBodyBytes} bytes." },
        { StatusCode: 415 } => new ProblemDetails { Status = 415, Title = "Unsupported Media Type", Detail = "The request body must be JSON (Content-Type: application/json)." },
        _ when MissingBody().IsMatch(exception.Message) => Field("body", "must be a JSON object"),
        _ when Unparsable().Match(exception.Message) is { Success: true } m => Field(m.Groups["name"].Value, Expectation(m.Groups["type"].Value)),
        _ when Missing().Match(exception.Message) is { Success: true } m => Field(m.Groups["name"].Value, "is required"),
        _ => new ProblemDetails { Status = exception.StatusCode, Title = "Bad Request", Detail = "The request could not be read." },
    };

    /// <summary>A body that is not valid JSON, has an unknown field or a value of the wrong type: name the field.</summary>
    private static HttpValidationProblemDetails FromJson(JsonException json)
    {
        var field = string.IsNullOrEmpty(json.Path) || json.Path == "$" ? "body" : json.Path.TrimStart('$', '.');
        var reason = json.Message switch
        {
            var m when m.Contains("could not be mapped", StringComparison.Ordinal) => "is not a known field",
            var m when m.Contains("could not be converted", StringComparison.Ordinal) => "has the wrong type",
            _ => "is not valid JSON" + (json.LineNumber is { } line ? $" (line {line + 1}, byte {json.BytePositionInLine})" : ""),
        };
        return Field(field, reason);
    }

    private static HttpValidationProblemDetails Field(string field, string reason) =>
        new(new Dictionary<string, string[]> { [field] = [reason] }) { Status = 400 };

    private static string Expectation(string type) => type switch
    {
        var t when t.Contains("Guid", StringComparison.Ordinal) => "must be a UUID",
        var t when t.Contains("int", StringComparison.OrdinalIgnoreCase) || t.Contains("long", StringComparison.OrdinalIgnoreCase)
            => "must be a whole number",
        var t when t.Contains("bool", StringComparison.OrdinalIgnoreCase) => "must be true or false",
        _ => "has the wrong format",
    };

    // Empty body, or the JSON literal null, where an object is expected.
    [GeneratedRegex("""^(Implicit body inferred for parameter "[^"]+" but no body was provided|Required parameter "[^"]+" was not provided from body)""")]
    private static partial Regex MissingBody();

    [GeneratedRegex("""^Failed to bind parameter "(?<type>[^"]+) (?<name>[^ "]+)" from """)]
    private static partial Regex Unparsable();

    [GeneratedRegex("""^Required parameter "(?<type>[^"]+) (?<name>[^ "]+)" was not provided""")]
    private static partial Regex Missing();
}
