namespace Runner.Api.Errors;

internal static class ProblemResponseExtensions
{
    /// <summary>What an endpoint reading a JSON body can answer besides its own errors: 400 naming the field, 413, 415.</summary>
    public static RouteHandlerBuilder ProducesJsonBodyProblems(this RouteHandlerBuilder endpoint) =>
        endpoint.ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
}
