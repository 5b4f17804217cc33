using System.Globalization;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Mvc;
using Runner.Tools.AdoSandbox.Data;
using Runner.Tools.AdoSandbox.Http;

namespace Runner.Tools.AdoSandbox.Api;

/// <summary>Work items by id: POST workitemsbatch and GET workitems?ids=, both capped at 200 ids per call, and GET one.</summary>
internal static class WorkItemEndpoints
{
    public sealed record BatchRequest(
        long[]? Ids, string[]? Fields, [property: JsonPropertyName("$expand")] string? Expand, string? ErrorPolicy);

    public static void MapWorkItems(this IEndpointRouteBuilder org)
    {
        org.MapPost("/_apis/wit/workitemsbatch", Batch);
        org.MapPost("/{project}/_apis/wit/workitemsbatch", Batch);
        org.MapGet("/_apis/wit/workitems", List);
        org.MapGet("/{project}/_apis/wit/workitems", List);
        org.MapGet("/_apis/wit/workitems/{id:long}", Get);
        org.MapGet("/{project}/_apis/wit/workitems/{id:long}", Get);
    }

    private static IResult Batch(HttpContext context, Org org, BatchRequest request) =>
        Fetch(context, org, request.Ids ?? [], request.Fields, request.Expand, request.ErrorPolicy);

    private static IResult List(
        HttpContext context, Org org, string ids, string? fields, [FromQuery(Name = "$expand")] string? expand, string? errorPolicy)
    {
        var parsed = new List<long>();
        foreach (var part in ids.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!long.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            {
                return AdoErrors.BadRequest($"VS403479: The id '{part}' is not a valid work item id.");
            }
            parsed.Add(id);
        }
        return Fetch(context, org, parsed, fields?.Split(',', StringSplitOptions.TrimEntries), expand, errorPolicy);
    }

    private static IResult Get(HttpContext context, Org org, long id, [FromQuery(Name = "$expand")] string? expand, string? fields) =>
        WorkItemData.WorkItem(org, Urls.For(context, org), id, fields?.Split(',', StringSplitOptions.TrimEntries), expand) is { } item
            ? Json.Ok(item)
            : Missing(id);

    private static IResult Fetch(HttpContext context, Org org, IReadOnlyCollection<long> ids, string[]? fields, string? expand, string? errorPolicy)
    {
        var limit = org.Options.WorkItemBatchLimit;
        if (ids.Count > limit)
        {
            return AdoErrors.BadRequest($"VS403474: You requested {ids.Count} work items which exceeds the limit of {limit}", "WorkItemTrackingBatchLimitExceededException");
        }
        if (fields is { Length: > 0 } && expand is not null && !expand.Equals("none", StringComparison.OrdinalIgnoreCase))
        {
            return AdoErrors.BadRequest("VS403438: The expand parameter can not be used with the fields parameter.", "ConflictingParametersException");
        }
        var urls = Urls.For(context, org);
        var omit = string.Equals(errorPolicy, "omit", StringComparison.OrdinalIgnoreCase);
        var items = new List<object?>(ids.Count);
        foreach (var id in ids)
        {
            var item = WorkItemData.WorkItem(org, urls, id, fields, expand);
            if (item is null && !omit)
            {
                return Missing(id);
            }
            items.Add(item);
        }
        return Json.List(items);
    }

    private static IResult Missing(long id) =>
        AdoErrors.Result(404, $"TF401232: Work item {id} does not exist, or you do not have permissions to read it.", "WorkItemUnauthorizedAccessException");
}
