namespace Runner.Api.Auth;

internal static class KeyRequirementExtensions
{
    /// <summary>
    /// Requires a key that satisfies the policy (any valid key without one) and documents what a caller without
    /// one gets: 401 (no or unknown key), 403 (a key of the wrong role), 429 (too many wrong keys from this client);
    /// and 503 for anyone while the database is briefly out of reach.
    /// </summary>
    public static RouteGroupBuilder RequireKey(this RouteGroupBuilder group, string? policy = null)
    {
        (policy is null ? group.RequireAuthorization() : group.RequireAuthorization(policy))
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        if (policy is not null)
        {
            group.ProducesProblem(StatusCodes.Status403Forbidden);
        }
        return group;
    }
}
