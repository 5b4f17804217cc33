namespace Runner.Tools.AdoSandbox.Http;

/// <summary>ADO's WrappedException error body, which clients parse for <c>message</c> and <c>typeKey</c>.</summary>
internal static class AdoErrors
{
    public static IResult Result(int status, string message, string typeKey) =>
        Results.Json(
            new Dictionary<string, object?>
            {
                ["$id"] = "1",
                ["innerException"] = null,
                ["message"] = message,
                ["typeName"] = $"Microsoft.TeamFoundation.Framework.Server.{typeKey}, Microsoft.TeamFoundation.Framework.Server",
                ["typeKey"] = typeKey,
                ["errorCode"] = 0,
                ["eventId"] = 3000,
            },
            Json.Options,
            statusCode: status);

    public static IResult ProjectNotFound(string project) => Result(404,
        $"TF200016: The following project does not exist: {project}. Verify that the name of the project is correct and that the project exists on the specified Azure DevOps Server.",
        "ProjectDoesNotExistWithNameException");

    public static IResult TeamNotFound(string team) => Result(404,
        $"VS403316: The team with id or name '{team}' does not exist.", "TeamNotFoundException");

    public static IResult RepoNotFound(string repo) => Result(404,
        $"TF401019: The Git repository with name or identifier {repo} does not exist or you do not have permissions for the operation you are attempting.",
        "GitRepositoryNotFoundException");

    public static IResult NotFound(string what) => Result(404, $"VS800000: {what} does not exist or you do not have permission to read it.", "NotFoundException");

    public static IResult BadRequest(string message, string typeKey = "ArgumentException") => Result(400, message, typeKey);
}
