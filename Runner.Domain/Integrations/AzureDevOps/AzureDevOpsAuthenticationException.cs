namespace Runner.Domain.Integrations.AzureDevOps;

/// <summary>
/// The service refused the PAT (401, or the 203 / HTML sign-in page it sends browsers). Never retried; the
/// message is fixed so no token or query value can leak into logs.
/// </summary>
public sealed class AzureDevOpsAuthenticationException(string requestPath)
    : CredentialsRefusedException("Azure DevOps rejected the personal access token")
{
    /// <summary>URL path of the rejected request, without its query.</summary>
    public string RequestPath { get; } = requestPath;
}
