using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Runner.Domain.Integrations.AzureDevOps.Fetching;
using static Runner.Domain.Integrations.AzureDevOps.Kinds.Parents;

namespace Runner.Domain.Integrations.AzureDevOps.Events;

/// <summary>
/// A delivery's objects, re-fetched by id (payloads are partial or stale: <c>workitem.updated</c> carries an update,
/// not the item) and stamped with the same context fields as the kind's resync fetcher adds.
/// </summary>
internal static class EventObjects
{
    private const string ZeroObjectId = "0000000000000000000000000000000000000000";

    public static async Task<IReadOnlyList<LiveObject>> ResolveAsync(FetchScope scope, JsonElement delivery, CancellationToken ct)
    {
        var eventType = delivery.GetProperty("eventType").GetString()!;
        var resource = delivery.GetProperty("resource");
        var projectId = Text(delivery, "resourceContainers", "project", "id");
        return eventType switch
        {
            "workitem.deleted" => await WorkItemAsync(scope, resource, Long(resource, "id"), projectId, resource, gone: true, ct),
            "workitem.updated" => await WorkItemAsync(scope, resource, Long(resource, "workItemId") is > 0 and var id ? id : Long(resource, "revision", "id"),
                projectId, resource.TryGetProperty("revision", out var revision) ? revision : resource, gone: false, ct),
            _ when eventType.StartsWith("workitem.", StringComparison.Ordinal) =>
                await WorkItemAsync(scope, resource, Long(resource, "id"), projectId, resource, gone: false, ct),
            _ when eventType.StartsWith("git.pullrequest.", StringComparison.Ordinal) => await PullRequestAsync(scope, resource, ct),
            "git.repo.created" => await RepositoryAsync(scope, resource.TryGetProperty("repository", out var repository) ? repository : resource, ct),
            "git.push" => await BranchesAsync(scope, resource, ct),
            "build.complete" => await BuildAsync(scope, resource, Text(resource, "project", "id") ?? projectId, ct),
            "ms.vss-pipelines.run-state-changed-event" => await RunAsync(scope, resource, projectId, ct),
            _ when eventType.StartsWith("ms.vss-release.", StringComparison.Ordinal) => await ReleaseAsync(scope, resource, Text(resource, "project", "id") ?? projectId, ct),
            _ => [],
        };
    }

    private static async Task<IReadOnlyList<LiveObject>> WorkItemAsync(
        FetchScope scope, JsonElement resource, long? id, string? projectId, JsonElement lastKnown, bool gone, CancellationToken ct)
    {
        projectId ??= Text(lastKnown, "fields", "System.TeamProject");
        if (id is not { } workItemId || projectId is null || await ProjectAsync(scope, projectId, ct) is not { } project)
        {
            return [];
        }
        var current = gone ? null : await GetAsync(scope, scope.Apis.Wit.GetWorkItem(projectId, workItemId, "All", ct), ct);
        ContextField[] context = [Context("__projectId", project.GetProperty("id")), Context("__project", project)];
        return [Live("work-item", current, lastKnown, context)];
    }

    private static async Task<IReadOnlyList<LiveObject>> PullRequestAsync(FetchScope scope, JsonElement resource, CancellationToken ct)
    {
        if (Long(resource, "pullRequestId") is not { } id)
        {
            return [];
        }
        return [Live("pull-request", await GetAsync(scope, scope.Apis.Git.GetPullRequest(id, ct), ct), resource, [])];
    }

    private static async Task<IReadOnlyList<LiveObject>> RepositoryAsync(FetchScope scope, JsonElement repository, CancellationToken ct)
    {
        if (Text(repository, "id") is not { } id || Text(repository, "project", "id") is not { } projectId || await ProjectAsync(scope, projectId, ct) is null)
        {
            return [];
        }
        return [Live("repository", await GetAsync(scope, scope.Apis.Git.GetRepository(projectId, id, ct), ct), repository, [])];
    }

    private static async Task<IReadOnlyList<LiveObject>> BranchesAsync(FetchScope scope, JsonElement push, CancellationToken ct)
    {
        if (!push.TryGetProperty("repository", out var pushed) || Text(pushed, "id") is not { } repositoryId
            || Text(pushed, "project", "id") is not { } projectId || await ProjectAsync(scope, projectId, ct) is null
            || !push.TryGetProperty("refUpdates", out var updates) || updates.ValueKind != JsonValueKind.Array)
        {
            return [];
        }
        var repository = await GetAsync(scope, scope.Apis.Git.GetRepository(projectId, repositoryId, ct), ct) ?? pushed;
        ContextField[] context = [Context("__repository", repository)];
        var objects = new List<LiveObject>();
        foreach (var update in updates.EnumerateArray())
        {
            if (Text(update, "name") is not { } name || !name.StartsWith("refs/heads/", StringComparison.Ordinal))
            {
                continue;
            }
            var lastKnown = JsonSerializer.SerializeToElement(new JsonObject
            {
                ["name"] = name,
                ["objectId"] = Text(update, "newObjectId") is { } newId && newId != ZeroObjectId ? newId : Text(update, "oldObjectId"),
            });
            JsonElement? current = null;
            if (Text(update, "newObjectId") != ZeroObjectId
                && await GetAsync(scope, scope.Apis.Git.FindRefs(projectId, repositoryId, name["refs/".Length..], ct), ct) is { } refs)
            {
                current = refs.TryGetProperty("value", out var list) && list.ValueKind == JsonValueKind.Array
                    ? list.EnumerateArray().Where(r => Text(r, "name") == name).Select(r => (JsonElement?)r).FirstOrDefault()
                    : null;
            }
            objects.Add(Live("branch", current, lastKnown, context));
        }
        return objects;
    }

    private static async Task<IReadOnlyList<LiveObject>> BuildAsync(FetchScope scope, JsonElement resource, string? projectId, CancellationToken ct)
    {
        if (Long(resource, "id") is not { } id || projectId is null || await ProjectAsync(scope, projectId, ct) is not { } project)
        {
            return [];
        }
        return [Live("build", await GetAsync(scope, scope.Apis.Build.GetBuild(projectId, id, ct), ct), resource, [Context("__project", project)])];
    }

    private static async Task<IReadOnlyList<LiveObject>> RunAsync(FetchScope scope, JsonElement resource, string? projectId, CancellationToken ct)
    {
        if (Long(resource, "run", "id") is not { } runId || Long(resource, "pipeline", "id") is not { } pipelineId
            || projectId is null || await ProjectAsync(scope, projectId, ct) is not { } project)
        {
            return [];
        }
        var pipeline = await GetAsync(scope, scope.Apis.Pipelines.GetPipeline(projectId, pipelineId, ct), ct) ?? resource.GetProperty("pipeline");
        var current = await GetAsync(scope, scope.Apis.Pipelines.GetRun(projectId, pipelineId, runId, ct), ct);
        return [Live("pipeline-run", current, resource.GetProperty("run"), [Context("__project", project), Context("__pipeline", pipeline)])];
    }

    private static async Task<IReadOnlyList<LiveObject>> ReleaseAsync(FetchScope scope, JsonElement resource, string? projectId, CancellationToken ct)
    {
        var release = resource.TryGetProperty("release", out var nested) && nested.ValueKind == JsonValueKind.Object ? nested : resource;
        if (Long(release, "id") is not { } id || projectId is null || await ProjectAsync(scope, projectId, ct) is not { } project)
        {
            return [];
        }
        return [Live("release", await GetAsync(scope, scope.Apis.Release.GetRelease(projectId, id, ct), ct), release, [Context("__project", project)])];
    }

    /// <summary>The project as the resync lists it; null when it is gone or carries an excluded tag.</summary>
    private static Task<JsonElement?> ProjectAsync(FetchScope scope, string projectId, CancellationToken ct) =>
        scope.Projects.FindAsync(projectId, async () =>
        {
            var project = await GetAsync(scope, scope.Apis.Core.GetProject(projectId, ct), ct);
            return project is { } found && !await scope.Projects.IsExcludedAsync(scope, Id(found), ct) ? found : null;
        });

    /// <summary>The object, or null on 404 (it is gone); any other failure throws, so the event is tried again.</summary>
    private static async Task<JsonElement?> GetAsync(FetchScope scope, Task<HttpResponseMessage> call, CancellationToken ct)
    {
        using var response = await scope.SendAsync(call);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
        if (!response.IsSuccessStatusCode)
        {
            throw new AzureDevOpsFetchException(scope.Kind, response.RequestMessage?.RequestUri?.AbsolutePath ?? "", (int)response.StatusCode);
        }
        await using var body = await response.Content.ReadAsStreamAsync(ct);
        using var document = await JsonDocument.ParseAsync(body, cancellationToken: ct);
        return document.RootElement.Clone();
    }

    private static LiveObject Live(string kind, JsonElement? current, JsonElement lastKnown, ContextField[] context) =>
        new(kind, current is { } found ? PageBuilder.Combine(found, context) : null, PageBuilder.Combine(lastKnown, context));

    private static string? Text(JsonElement element, params string[] path) =>
        Walk(element, path) is { } value ? value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number => value.GetRawText(),
            _ => null,
        } : null;

    private static long? Long(JsonElement element, params string[] path) =>
        Walk(element, path) is { ValueKind: JsonValueKind.Number } value && value.TryGetInt64(out var number) ? number : null;

    private static JsonElement? Walk(JsonElement element, string[] path)
    {
        foreach (var name in path)
        {
            if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out element))
            {
                return null;
            }
        }
        return element;
    }
}
