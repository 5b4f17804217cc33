using System.Text.Json;
using Runner.Tools.AdoSandbox.Data;
using Runner.Tools.AdoSandbox.Hooks;
using Runner.Tools.AdoSandbox.Http;

namespace Runner.Tools.AdoSandbox.Api;

/// <summary>
/// Control API: create, update and delete a work item, each delivering workitem.created / updated / deleted.
/// An update with <c>times</c> &gt; 1 makes that many successive revisions (one event each), so receivers see
/// several updates of one item in one go. A paced stream of updates drives a steady delivery rate for benchmarks
/// (one curl per change cannot keep up on a busy 2-core machine).
/// </summary>
internal static class WorkItemChangeEndpoints
{
    public sealed record CreateRequest(string? Project, string? Type, string? Title);
    public sealed record UpdateRequest(Dictionary<string, JsonElement>? Fields, int? Times);
    public sealed record StreamRequest(double? Rate, int? Count, long? FirstId, int? Items, string? Title);

    public static void MapWorkItemChanges(this IEndpointRouteBuilder control)
    {
        control.MapPost("/changes/work-items", Create);
        control.MapPatch("/changes/work-items/{id:long}", Update);
        control.MapDelete("/changes/work-items/{id:long}", Delete);
        control.MapPost("/changes/work-items/stream", Stream);
    }

    private static async Task<IResult> Create(HttpContext context, Org org, HookDelivery delivery, CreateRequest request)
    {
        if (request.Project is null || !org.TryFindProject(request.Project, out var p))
        {
            return ChangeResult.Problem($"project: '{request.Project}' is not a project of the sandbox.");
        }
        var item = org.State.CreateWorkItem(org.WorkItemCount + 1, p, request.Type ?? "Task", request.Title ?? "Created in the sandbox");
        var urls = Urls.For(context, org);
        var resource = WorkItemData.WorkItem(org, urls, item.Id, null, "all")!;
        return await ChangeResult.DeliverAsync(context, delivery, org,
            [Event(org, "workitem.created", p, $"{item.Type} #{item.Id} ({item.Title}) created by Sandbox PAT owner", resource)], new { id = item.Id });
    }

    private static async Task<IResult> Update(HttpContext context, Org org, HookDelivery delivery, long id, UpdateRequest request)
    {
        if (!org.WorkItemLive(id, out var p))
        {
            return ChangeResult.Missing($"Work item {id} does not exist.");
        }
        var times = Math.Clamp(request.Times ?? 1, 1, 100);
        var values = (request.Fields ?? []).ToDictionary(pair => pair.Key, pair => ChangeResult.Plain(pair.Value));
        var urls = Urls.For(context, org);
        var events = new List<HookEvent>();
        for (var i = 0; i < times; i++)
        {
            events.Add(Updated(org, urls, id, p, values));
        }
        return await ChangeResult.DeliverAsync(context, delivery, org, events, new { id, rev = WorkItemData.Rev(org, id) });
    }

    /// <summary>
    /// <c>count</c> title updates at <c>rate</c> a second, to items <c>firstId</c> … <c>firstId + items - 1</c> in turn, each
    /// delivered out of band as it is made; answers when the last is made, with how long making them took.
    /// </summary>
    private static async Task<IResult> Stream(HttpContext context, Org org, HookDelivery delivery, TimeProvider time, StreamRequest request)
    {
        var (rate, count, firstId, items) = (request.Rate ?? 10, request.Count ?? 100, request.FirstId ?? 1, request.Items ?? 1000);
        if (rate is <= 0 or > 10_000 || count is < 1 or > 1_000_000 || items < 1)
        {
            return ChangeResult.Problem("rate must be in (0, 10000], count in [1, 1000000] and items at least 1.");
        }
        for (var id = firstId; id < firstId + items; id++)
        {
            if (!org.WorkItemLive(id, out _))
            {
                return ChangeResult.Missing($"Work item {id} does not exist.");
            }
        }
        var urls = Urls.For(context, org);
        var baseUrl = urls.Base;
        var started = time.GetTimestamp();
        for (var i = 0; i < count; i++)
        {
            // Paced to a schedule (change i at start + i / rate), so a slow change does not lower the rate after it.
            var due = TimeSpan.FromSeconds(i / rate) - time.GetElapsedTime(started);
            if (due > TimeSpan.Zero)
            {
                await Task.Delay(due, time, context.RequestAborted);
            }
            var id = firstId + i % items;
            org.WorkItemLive(id, out var p);
            var change = Updated(org, urls, id, p, new Dictionary<string, object?> { ["System.Title"] = $"{request.Title ?? "stream"} {i + 1}" });
            _ = Task.Run(() => delivery.DeliverAsync([change], baseUrl, CancellationToken.None));
        }
        return TypedResults.Ok(new { made = count, seconds = Math.Round(time.GetElapsedTime(started).TotalSeconds, 3) });
    }

    private static HookEvent Updated(Org org, Urls urls, long id, int p, Dictionary<string, object?> values)
    {
        var before = WorkItemData.Fields(org, urls, id, p);
        var rev = WorkItemData.Rev(org, id);
        org.State.Touch(EntityKind.WorkItem, id - 1, values);
        var after = WorkItemData.Fields(org, urls, id, p);
        return Event(org, "workitem.updated", p, $"{after["System.WorkItemType"]} #{id} ({after["System.Title"]}) updated by Sandbox PAT owner",
            UpdateResource(org, urls, id, rev, before, after));
    }

    private static async Task<IResult> Delete(HttpContext context, Org org, HookDelivery delivery, long id)
    {
        if (!org.WorkItemLive(id, out var p))
        {
            return ChangeResult.Missing($"Work item {id} does not exist.");
        }
        var resource = WorkItemData.WorkItem(org, Urls.For(context, org), id, null, "all")!;
        org.State.Delete(EntityKind.WorkItem, id - 1);
        return await ChangeResult.DeliverAsync(context, delivery, org,
            [Event(org, "workitem.deleted", p, $"Work item #{id} deleted by Sandbox PAT owner", resource)], new { id });
    }

    /// <summary>The work item update resource: changed fields as old/new pairs, plus the item as revised.</summary>
    private static object UpdateResource(Org org, Urls urls, long id, int oldRev, Dictionary<string, object?> before, Dictionary<string, object?> after)
    {
        var url = WorkItemData.Url(urls, id);
        var changes = new Dictionary<string, object> { ["System.Rev"] = new { oldValue = oldRev, newValue = oldRev + 1 } };
        foreach (var (name, value) in after)
        {
            var old = before.GetValueOrDefault(name);
            if (!Equals(JsonSerializer.Serialize(old, Json.Options), JsonSerializer.Serialize(value, Json.Options)))
            {
                changes[name] = new { oldValue = old, newValue = value };
            }
        }
        return new
        {
            id = oldRev,
            workItemId = id,
            rev = oldRev + 1,
            revisedBy = new { id = org.Id(EntityKind.Tenant, 1), displayName = "Sandbox PAT owner" },
            revisedDate = new DateTime(9999, 1, 1, 0, 0, 0, DateTimeKind.Utc),
            fields = changes,
            _links = new { self = Urls.Href($"{url}/updates/{oldRev}"), parent = Urls.Href(url), workItemUpdates = Urls.Href($"{url}/updates") },
            url = $"{url}/updates/{oldRev}",
            revision = new { id, rev = oldRev + 1, fields = after, url = $"{url}/revisions/{oldRev + 1}" },
        };
    }

    private static HookEvent Event(Org org, string type, int p, string message, object resource) =>
        new(Guid.NewGuid(), type, org.Id(EntityKind.Project, p), null, message, resource, org.State.Now());
}
