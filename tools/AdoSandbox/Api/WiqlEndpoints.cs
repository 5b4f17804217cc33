using Microsoft.AspNetCore.Mvc;
using Runner.Tools.AdoSandbox.Data;
using Runner.Tools.AdoSandbox.Http;

namespace Runner.Tools.AdoSandbox.Api;

/// <summary>
/// WIQL returns ids only and has no continuation: more than <see cref="SandboxOptions.WiqlResultLimit"/> results
/// is the real VS402337 error, so clients must window by <c>[System.Id] &gt; lastId</c> (or cap with $top).
/// </summary>
internal static class WiqlEndpoints
{
    public sealed record WiqlRequest(string? Query);

    /// <summary>Generated ids of the range, then items created through the control API (their ids come after
    /// every generated one), in the query's id order.</summary>
    private static IEnumerable<long> Candidates(Org org, WiqlQuery query, int p, long low, long high)
    {
        var created = org.State.CreatedWorkItems()
            .Where(item => (p < 0 || item.Project == p) && item.Id >= query.MinId && item.Id <= query.MaxId)
            .Select(item => item.Id);
        var generated = Range(low, high, query.Descending);
        return query.Descending ? created.Reverse().Concat(generated) : generated.Concat(created);
    }

    private static IEnumerable<long> Range(long low, long high, bool descending)
    {
        for (var n = 0L; n <= high - low; n++)
        {
            yield return descending ? high - n : low + n;
        }
    }

    public static void MapWiql(this IEndpointRouteBuilder org)
    {
        org.MapPost("/_apis/wit/wiql", Query);
        org.MapPost("/{project}/_apis/wit/wiql", Query);
        org.MapPost("/{project}/{team}/_apis/wit/wiql", Query);
    }

    private static IResult Query(HttpContext context, Org org, string? project, WiqlRequest request, [FromQuery(Name = "$top")] int? top)
    {
        if (request.Query is not { } text || WiqlQuery.Parse(text) is not { } query)
        {
            return AdoErrors.BadRequest("VS402329: The WIQL query must be of the form SELECT ... FROM WorkItems ....", "QuerySyntaxException");
        }
        var scope = query.UsesProjectMacro ? project : query.Project;
        if (query.UsesProjectMacro && project is null)
        {
            return AdoErrors.BadRequest("VS402416: The @project macro needs a project in the request URL.", "QueryMacroException");
        }
        var p = -1;
        if (scope is not null && !org.TryFindProject(scope, out p))
        {
            return AdoErrors.BadRequest($"TF200016: The following project does not exist: {scope}.", "ProjectDoesNotExistWithNameException");
        }

        var perProject = (long)org.Options.WorkItemsPerProject;
        var low = Math.Max(query.MinId, p < 0 ? 1 : p * perProject + 1);
        var high = Math.Min(query.MaxId, p < 0 ? org.WorkItemCount : (p + 1) * perProject);
        var limit = org.Options.WiqlResultLimit;
        var wanted = top is > 0 ? Math.Min(top.Value, limit + 1L) : limit + 1L;
        var ids = new List<long>();
        foreach (var id in Candidates(org, query, p, low, high))
        {
            if (ids.Count >= wanted)
            {
                break;
            }
            if (org.WorkItemLive(id, out _) && query.Matches(WorkItemData.ChangedDate(org, id)))
            {
                ids.Add(id);
            }
        }
        if (ids.Count > limit)
        {
            return AdoErrors.BadRequest(
                $"VS402337: The number of work items returned exceeds the size limit of {limit}. Change the query to return fewer items.",
                "WorkItemTrackingQueryResultSizeLimitExceededException");
        }

        var urls = Urls.For(context, org);
        object Field(string name) => new { referenceName = name, name = name[(name.LastIndexOf('.') + 1)..], url = $"{urls.Base}/_apis/wit/fields/{name}" };
        return Json.Ok(new
        {
            queryType = "flat",
            queryResultType = "workItem",
            asOf = DateTime.UtcNow,
            columns = query.Columns.Select(Field),
            sortColumns = new[] { new { field = Field("System.Id"), descending = query.Descending } },
            workItems = ids.Select(id => new { id, url = WorkItemData.Url(urls, id) }),
        });
    }
}
