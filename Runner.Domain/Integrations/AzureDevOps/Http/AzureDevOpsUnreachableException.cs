namespace Runner.Domain.Integrations.AzureDevOps.Http;

/// <summary>No response after every retry (connection failure, attempt timeout); carries the path so the fetcher can name it.</summary>
internal sealed class AzureDevOpsUnreachableException(string requestPath, Exception inner)
    : SourceUnreachableException($"{requestPath} could not be reached.", inner)
{
    public string RequestPath { get; } = requestPath;
}
