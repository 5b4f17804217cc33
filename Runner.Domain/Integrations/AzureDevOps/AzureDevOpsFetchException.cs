namespace Runner.Domain.Integrations.AzureDevOps;

/// <summary>
/// A kind cannot be fetched at all (e.g. 5xx after every retry, 400, 403): its data would be wrong, so the
/// resync must not treat it as complete. Names the kind and the URL path only — never query values.
/// </summary>
public sealed class AzureDevOpsFetchException(string kind, string requestPath, int? statusCode, Exception? inner = null)
    : KindIncompleteException(
        kind,
        statusCode is { } status
            ? $"Fetching Azure DevOps kind '{kind}' failed: {requestPath} answered HTTP {status}."
            : $"Fetching Azure DevOps kind '{kind}' failed: {requestPath} could not be reached.",
        inner)
{
    public string RequestPath { get; } = requestPath;
    public int? StatusCode { get; } = statusCode;
}
