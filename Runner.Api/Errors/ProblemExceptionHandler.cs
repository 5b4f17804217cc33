using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Npgsql;
using Runner.Domain.Common;
using Runner.Domain.Mapping;

namespace Runner.Api.Errors;

/// <summary>
/// Maps domain and request-reading failures to RFC 7807 problem details, and a database that is briefly out of reach
/// (restarting, connections it cut) to 503 with <c>Retry-After</c>. Anything else stays a 500 whose body says nothing
/// about the cause.
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
            _ when IsTransientDatabaseFailure(exception) => new ProblemDetails
            {
                Status = 503, Title = "Service Unavailable", Detail = "The database is briefly unavailable; try again in a moment.",
            },
            _ => null,
        };
        if (problem is null)
        {
            return false;
        }
        context.Response.StatusCode = problem.Status!.Value;
        if (problem.Status == 503)
        {
            context.Response.Headers.RetryAfter = "1";
        }
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem, Exception = exception });
    }

    // EF Core throws Npgsql's exception as it is from queries and wrapped (DbUpdateException) from SaveChanges.
    private static bool IsTransientDatabaseFailure(Exception exception)
    {
        for (Exception? e = exception; e is not null; e = e.InnerException)
        {
            if (e is NpgsqlException { IsTransient: true })
            {
                return true;
            }
        }
        return false;
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
