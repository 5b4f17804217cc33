namespace Runner.Api.Errors;

internal static class RunnerApiLimits
{
    /// <summary>Settings, secrets and mappings are small; anything larger is a mistake or an attack.</summary>
    public const long MaxRequestBodyBytes = 1024 * 1024;
}
