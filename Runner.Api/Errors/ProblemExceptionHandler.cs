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
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken ct)
    {
        ProblemDetails? problem = exception switch
        {
            ValidationFailedException e => new HttpValidationProblemDetails(e.Errors.ToDictionary()) { Status = 400 },
            MappingValidationException e => new HttpValidationProblemDetails(
                e.Errors.GroupBy(x => x.Path).ToDictionary(g => g.Key, g => g.Select(x => x.Reason).ToArray())) { Status = 400, Title = "The mapping is invalid." },
            NotFoundException e => new ProblemDetails { Status = 404, Title = "Not Found", Detail = e.Message },
            ConflictException e => WithExtensions(new ProblemDetails { Status = 409, Title = "Conflict", Detail = e.Message }, e.Details),
            BadHttpRequestException e => RequestReadingProblems.From(e),
            _ => null,
        };
        if (problem is null)
        {
            return false;
        }
        context.Response.StatusCode = problem.Status!.Value;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem, Exception = exception });
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
