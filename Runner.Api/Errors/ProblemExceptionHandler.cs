using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Runner.Domain.Common;
using Runner.Domain.Mapping;

namespace Runner.Api.Errors;

/// <summary>
/// Maps domain and request-reading failures to RFC 7807 problem details. Anything else stays a
/// 500 whose body says nothing about the cause.
/// </summary>
internal sealed class ProblemExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        ProblemDetails? problem = exception switch
        {
            ValidationFailedException e => new HttpValidationProblemDetails(e.Errors.ToDictionary()) { Status = 400 },
            MappingValidationException e => new HttpValidationProblemDetails(
                e.Errors.GroupBy(x => x.Path).ToDictionary(g => g.Key, g => g.Select(x => x.Reason).ToArray())) { Status = 400, Title = "The mapping is invalid." },
            NotFoundException e => new ProblemDetails { Status = 404, Title = "Not Found", Detail = e.Message },
            ConflictException e => WithExtensions(new ProblemDetails { Status = 409, Title = "Conflict", Detail = e.Message }, e.Details),
            BadHttpRequestException { InnerException: JsonException json } => FromJson(json),
            BadHttpRequestException { StatusCode: 413 } => new ProblemDetails { Status = 413, Title = "Payload Too Large", Detail = $"The request body must be at most {InputLimits.MaxRequestBodyBytes} bytes." },
            BadHttpRequestException e => new ProblemDetails { Status = e.StatusCode, Title = "Bad Request", Detail = e.Message },
            _ => null,
        };
        if (problem is null)
        {
            return false;
        }
        context.Response.StatusCode = problem.Status!.Value;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem, Exception = exception });
    }

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
        return new HttpValidationProblemDetails(new Dictionary<string, string[]> { [field] = [reason] }) { Status = 400 };
    }

    private static ProblemDetails WithExtensions(ProblemDetails problem, IReadOnlyDictionary<string, object?> extensions)
    {
        foreach (var (key, value) in extensions)
        {
            problem.Extensions[key] = value;
        }
        return problem;
    }
}
