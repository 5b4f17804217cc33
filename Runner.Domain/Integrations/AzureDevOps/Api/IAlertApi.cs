using Refit;

namespace Runner.Domain.Integrations.AzureDevOps.Api;

/// <summary>Advanced Security (advsec host, preview only): a repository's alerts, $top + continuation header; 400 when it is off.</summary>
internal interface IAlertApi
{
    [Get("/{projectId}/_apis/alert/repositories/{repositoryId}/alerts?api-version=7.2-preview.1")]
    Task<HttpResponseMessage> ListAlerts(
        string projectId, string repositoryId, [AliasAs("$top")] int top, string? continuationToken, [Query] AlertCriteria criteria, CancellationToken ct);
}

/// <summary>Selector criteria and the incremental <c>modifiedSince</c>; null ones are left out.</summary>
internal sealed record AlertCriteria
{
    [AliasAs("criteria.states")]
    public string? States { get; init; }

    [AliasAs("criteria.severities")]
    public string? Severities { get; init; }

    [AliasAs("criteria.alertType")]
    public string? AlertType { get; init; }

    [AliasAs("criteria.modifiedSince")]
    public string? ModifiedSince { get; init; }
}
