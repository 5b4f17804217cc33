using Microsoft.AspNetCore.Mvc;
using Runner.Tools.AdoSandbox.Data;
using Runner.Tools.AdoSandbox.Http;

namespace Runner.Tools.AdoSandbox.Api;

/// <summary>
/// Advanced Security alerts (advsec host, preview only): $top + continuation token, <c>criteria.states</c>,
/// <c>criteria.severities</c> (or <c>criteria.severity</c>), <c>criteria.alertType</c> and
/// <c>criteria.modifiedSince</c>. A repository without Advanced Security answers 400, as the service does.
/// </summary>
internal static class AlertEndpoints
{
    public static void MapAlerts(this IEndpointRouteBuilder org)
    {
        org.MapGet("/{project}/_apis/alert/repositories/{repository}/alerts", List).RequirePreview().InArea(ApiArea.AdvancedSecurity);
        org.MapGet("/{project}/_apis/alert/repositories/{repository}/alerts/{alertId:long}", Get).RequirePreview().InArea(ApiArea.AdvancedSecurity);
    }

    private static IResult List(HttpContext context, Org org, string project, string repository, [FromQuery(Name = "$top")] int? top, string? continuationToken)
    {
        if (!TryRepo(org, project, repository, out var p, out var r, out var error))
        {
            return error;
        }

        var query = context.Request.Query;
        var states = Values(query, "criteria.states");
        var severities = Values(query, "criteria.severities").Concat(Values(query, "criteria.severity")).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var type = query["criteria.alertType"].FirstOrDefault();
        DateTime? since = DateTime.TryParse(query["criteria.modifiedSince"].FirstOrDefault(), System.Globalization.CultureInfo.InvariantCulture,
            System.Globalization.DateTimeStyles.AdjustToUniversal | System.Globalization.DateTimeStyles.AssumeUniversal, out var at) ? at : null;
        var urls = Urls.For(context, org);
        var repo = org.RepoIndex(p, r);
        var (items, next) = Paging.Continue(
            org.Options.AlertsPerRepo, continuationToken, Paging.Top(org.Options, top), TokenStyle.Opaque,
            a =>
            {
                var index = AlertData.Index(org, repo, (int)a);
                var selected = (states.Count == 0 || states.Contains(AlertData.State(org, index)))
                    && (severities.Count == 0 || severities.Contains(AlertData.Severity(index)))
                    && (type is null || string.Equals(type, AlertData.Type(index), StringComparison.OrdinalIgnoreCase))
                    && (since is null || AlertData.LastSeen(org, index) >= since);
                return selected ? AlertData.Alert(org, urls, p, r, (int)a) : null;
            });
        return Paging.List(context, items, next);
    }

    private static IResult Get(HttpContext context, Org org, string project, string repository, long alertId)
    {
        if (!TryRepo(org, project, repository, out var p, out var r, out var error))
        {
            return error;
        }

        var a = alertId - 1 - AlertData.Index(org, org.RepoIndex(p, r), 0);
        var alert = a >= 0 && a < org.Options.AlertsPerRepo ? AlertData.Alert(org, Urls.For(context, org), p, r, (int)a) : null;
        return alert is null ? AdoErrors.NotFound($"Alert {alertId}") : Json.Ok(alert);
    }

    private static HashSet<string> Values(IQueryCollection query, string name) =>
        query[name].SelectMany(value => (value ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .ToHashSet(StringComparer.OrdinalIgnoreCase);

    private static bool TryRepo(Org org, string project, string repository, out int p, out int r, out IResult error)
    {
        if (!RepoLookup.TryResolve(org, project, repository, out p, out r, out var lookupError))
        {
            error = lookupError;
            return false;
        }
        error = AdoErrors.BadRequest(
            $"Advanced Security is not enabled for repository {Org.RepoName(r)}. Enable it in the repository settings to see alerts.",
            "AdvancedSecurityNotEnabledException");
        return AlertData.Enabled(r);
    }
}
