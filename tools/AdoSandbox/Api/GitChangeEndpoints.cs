using Runner.Tools.AdoSandbox.Data;
using Runner.Tools.AdoSandbox.Hooks;
using Runner.Tools.AdoSandbox.Http;

namespace Runner.Tools.AdoSandbox.Api;

/// <summary>
/// Control API: push to a branch (creating it if new) or delete it, delivering git.push with the ref update
/// (all-zero old id for a new branch, all-zero new id for a deletion); create or update a pull request, delivering
/// git.pullrequest.created / updated (and merged when it is completed).
/// </summary>
internal static class GitChangeEndpoints
{
    private const string Zero = "0000000000000000000000000000000000000000";

    public sealed record PushRequest(string? Project, string? Repository, string? Branch, bool? Delete);
    public sealed record PullRequestCreate(string? Project, string? Repository, string? Title, string? SourceRefName);
    public sealed record PullRequestUpdate(string? Title, string? Status);

    public static void MapGitChanges(this IEndpointRouteBuilder control)
    {
        control.MapPost("/changes/pushes", Push);
        control.MapPost("/changes/pull-requests", CreatePullRequest);
        control.MapPatch("/changes/pull-requests/{id:long}", UpdatePullRequest);
    }

    private static async Task<IResult> Push(HttpContext context, Org org, HookDelivery delivery, PushRequest request)
    {
        if (!TryRepo(org, request.Project, request.Repository, out var p, out var r, out var problem))
        {
            return problem;
        }
        if (string.IsNullOrWhiteSpace(request.Branch))
        {
            return ChangeResult.Problem("branch: required, e.g. \"feature/login\".");
        }
        var name = request.Branch.StartsWith("refs/heads/", StringComparison.Ordinal) ? request.Branch : "refs/heads/" + request.Branch;
        var repo = org.RepoIndex(p, r);
        var existing = GitData.FindBranch(org, p, r, name);
        var pushId = org.State.NextPushId();
        var newId = request.Delete == true ? Zero : Deterministic.Sha(org.Seed + (int)pushId, EntityKind.Commit, repo);
        if (request.Delete == true)
        {
            if (existing is not { } branch)
            {
                return ChangeResult.Missing($"branch: {name} does not exist.");
            }
            if (branch.Ordinal == 0)
            {
                return ChangeResult.Problem("branch: the default branch cannot be deleted.");
            }
            if (branch.Ordinal > 0)
            {
                org.State.Delete(EntityKind.Branch, org.BranchIndex(repo, branch.Ordinal));
            }
            else
            {
                org.State.SetPushedBranch(new PushedBranch(repo, name, branch.ObjectId, Deleted: true));
            }
        }
        else if (existing is { Ordinal: >= 0 } generated)
        {
            org.State.Touch(EntityKind.Branch, org.BranchIndex(repo, generated.Ordinal), new Dictionary<string, object?> { ["objectId"] = newId });
        }
        else
        {
            org.State.SetPushedBranch(new PushedBranch(repo, name, newId, Deleted: false));
        }

        var urls = Urls.For(context, org);
        var repository = GitData.Repository(org, urls, p, r)!;
        var pusher = Identities.Ref(org, urls, Identities.AuthorOf(org, EntityKind.Commit, pushId));
        var at = org.State.Now();
        var repoUrl = urls.Repo(org.Id(EntityKind.Project, p), org.Id(EntityKind.Repository, repo));
        var resource = new
        {
            commits = request.Delete == true
                ? Array.Empty<object>()
                : [new { commitId = newId, author = new { name = "Sandbox PAT owner", email = "pat-owner@sandbox.example", date = at }, committer = new { name = "Sandbox PAT owner", email = "pat-owner@sandbox.example", date = at }, comment = $"Push {pushId} to {name[11..]}", url = $"{repoUrl}/commits/{newId}" }],
            refUpdates = new[] { new { name, oldObjectId = existing?.ObjectId ?? Zero, newObjectId = newId } },
            repository,
            pushedBy = pusher,
            pushId,
            date = at,
            url = $"{repoUrl}/pushes/{pushId}",
            _links = new { self = Urls.Href($"{repoUrl}/pushes/{pushId}"), repository = Urls.Href(repoUrl) },
        };
        var hookEvent = new HookEvent(Guid.NewGuid(), "git.push", org.Id(EntityKind.Project, p), org.Id(EntityKind.Repository, repo),
            $"Sandbox PAT owner pushed updates to {Org.RepoName(r)}:{name[11..]}.", resource, at);
        return await ChangeResult.DeliverAsync(context, delivery, org, [hookEvent], new { branch = name, objectId = newId, pushId });
    }

    private static async Task<IResult> CreatePullRequest(HttpContext context, Org org, HookDelivery delivery, PullRequestCreate request)
    {
        if (!TryRepo(org, request.Project, request.Repository, out var p, out var r, out var problem))
        {
            return problem;
        }
        var pr = org.State.CreatePullRequest(PullRequestData.GeneratedCount(org) + 1, p, r, request.Title ?? "Created in the sandbox",
            request.SourceRefName ?? "refs/heads/feature/sandbox-change");
        var resource = PullRequestData.Created(org, Urls.For(context, org), pr);
        return await ChangeResult.DeliverAsync(context, delivery, org,
            [Event(org, "git.pullrequest.created", p, r, $"Sandbox PAT owner created pull request {pr.Id} ({pr.Title}) in {Org.RepoName(r)}", resource)], new { id = pr.Id });
    }

    private static async Task<IResult> UpdatePullRequest(HttpContext context, Org org, HookDelivery delivery, long id, PullRequestUpdate request)
    {
        if (request.Status is not (null or "active" or "completed" or "abandoned"))
        {
            return ChangeResult.Problem("status: must be active, completed or abandoned.");
        }
        var urls = Urls.For(context, org);
        if (PullRequestData.Find(org, urls, id) is not { } found)
        {
            return ChangeResult.Missing($"Pull request {id} does not exist.");
        }
        var values = new Dictionary<string, object?>();
        if (request.Title is not null)
        {
            values["title"] = request.Title;
        }
        if (request.Status is not null)
        {
            values["status"] = request.Status;
        }
        org.State.Touch(EntityKind.PullRequest, id - 1, values);
        var resource = PullRequestData.Find(org, urls, id)!.Value.Body;
        var events = new List<HookEvent> { Event(org, "git.pullrequest.updated", found.Project, found.Repo, $"Sandbox PAT owner updated pull request {id}", resource) };
        if (request.Status == "completed")
        {
            events.Add(Event(org, "git.pullrequest.merged", found.Project, found.Repo, $"Sandbox PAT owner completed pull request {id}", resource));
        }
        return await ChangeResult.DeliverAsync(context, delivery, org, events, new { id });
    }

    private static HookEvent Event(Org org, string type, int p, int r, string message, object resource) =>
        new(Guid.NewGuid(), type, org.Id(EntityKind.Project, p), org.Id(EntityKind.Repository, org.RepoIndex(p, r)), message, resource, org.State.Now());

    private static bool TryRepo(Org org, string? project, string? repository, out int p, out int r, out IResult problem)
    {
        r = -1;
        problem = ChangeResult.Problem($"project: '{project}' is not a project of the sandbox.");
        if (project is null || !org.TryFindProject(project, out p))
        {
            p = -1;
            return false;
        }
        problem = ChangeResult.Problem($"repository: '{repository}' is not a repository of {Org.ProjectName(p)}.");
        return repository is not null && org.TryFindRepo(p, repository, out r);
    }
}
