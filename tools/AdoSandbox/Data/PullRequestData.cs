using Runner.Tools.AdoSandbox.Http;

namespace Runner.Tools.AdoSandbox.Data;

/// <summary>Pull requests: ordinal % 4 gives the status (0, 2 active; 1 completed; 3 abandoned).</summary>
internal static class PullRequestData
{
    public static string Status(int ordinal) => (ordinal % 4) switch
    {
        1 => "completed",
        3 => "abandoned",
        _ => "active",
    };

    /// <summary>Closed pull requests closed within 3 days of the anchor, so "closed since N days" filters keep them.</summary>
    public static (DateTime Created, DateTime? Closed) Dates(Org org, long index, string status)
    {
        if (status == "active")
        {
            return (org.Before(EntityKind.PullRequest, index, 60), null);
        }
        var closed = org.Before(EntityKind.PullRequest, index, 3);
        return (closed.AddDays(-1 - (index % 10)), closed);
    }

    /// <summary>Generated pull request <paramref name="ordinal"/> of a repository, with changes made through the control API.</summary>
    public static object PullRequest(Org org, Urls urls, int p, int r, int ordinal)
    {
        var index = org.RepoIndex(p, r) * org.Options.PullRequestsPerRepo + ordinal;
        var id = index + 1;
        var status = Status(ordinal);
        var (created, closed) = Dates(org, index, status);
        return Shape(org, urls, p, r, id, status, created, closed, $"Change {id} in {Org.RepoName(r)}", $"refs/heads/topic/pr-{id}");
    }

    public static long GeneratedCount(Org org) => (long)org.Options.Projects * org.Options.ReposPerProject * org.Options.PullRequestsPerRepo;

    /// <summary>A live pull request by id: generated (id − 1 encodes repository and ordinal) or created.</summary>
    public static (int Project, int Repo, object Body)? Find(Org org, Urls urls, long id)
    {
        if (!org.Live(EntityKind.PullRequest, id - 1))
        {
            return null;
        }

        if (id > GeneratedCount(org))
        {
            return org.State.CreatedPullRequests().FirstOrDefault(pr => pr.Id == id) is { } created && org.RepoLive(created.Project, created.Repo)
                ? (created.Project, created.Repo, Created(org, urls, created))
                : null;
        }
        var perRepo = org.Options.PullRequestsPerRepo;
        var repoIndex = (id - 1) / perRepo;
        var (p, r) = ((int)(repoIndex / org.Options.ReposPerProject), (int)(repoIndex % org.Options.ReposPerProject));
        return id >= 1 && org.RepoLive(p, r) ? (p, r, PullRequest(org, urls, p, r, (int)((id - 1) % perRepo))) : null;
    }

    public static object Created(Org org, Urls urls, CreatedPullRequest pr) =>
        Shape(org, urls, pr.Project, pr.Repo, pr.Id, "active", pr.At, null, pr.Title, pr.SourceRefName);

    /// <summary>The status now: generated, or set through the control API (e.g. completed).</summary>
    public static string CurrentStatus(Org org, long id, string generated) =>
        org.State.Change(EntityKind.PullRequest, id - 1)?.Value<string>("status") ?? generated;

    /// <summary>Closed time: none while active; the time of the change for one closed through the control API.</summary>
    public static DateTime? CurrentClosed(Org org, long id, string generatedStatus, DateTime? generated)
    {
        var change = org.State.Change(EntityKind.PullRequest, id - 1);
        return CurrentStatus(org, id, generatedStatus) == "active" ? null
            : generatedStatus == "active" && change is not null ? change.At
            : generated;
    }

    private static object Shape(Org org, Urls urls, int p, int r, long id, string generatedStatus, DateTime created, DateTime? generatedClosed, string generatedTitle, string sourceRefName)
    {
        var index = id - 1;
        var repoIndex = org.RepoIndex(p, r);
        var change = org.State.Change(EntityKind.PullRequest, index);
        var status = CurrentStatus(org, id, generatedStatus);
        var closed = CurrentClosed(org, id, generatedStatus, generatedClosed);
        var title = change?.Value<string>("title") ?? generatedTitle;
        var projectId = org.Id(EntityKind.Project, p);
        var repoId = org.Id(EntityKind.Repository, repoIndex);
        var repoUrl = urls.Repo(projectId, repoId);
        var author = Identities.AuthorOf(org, EntityKind.PullRequest, index);
        var reviewer = (author + 1) % Math.Max(1, org.Options.Users);
        object Commit(int salt)
        {
            var sha = Deterministic.Sha(org.Seed + salt, EntityKind.Commit, index);
            return new { commitId = sha, url = $"{repoUrl}/commits/{sha}" };
        }
        return new
        {
            repository = new { id = repoId, name = Org.RepoName(r), url = repoUrl, project = new { id = projectId, name = Org.ProjectName(p), state = "wellFormed" } },
            pullRequestId = id,
            codeReviewId = id,
            status,
            createdBy = Identities.Ref(org, urls, author),
            creationDate = created,
            closedDate = closed,
            title,
            description = $"Generated pull request {id}.",
            sourceRefName,
            targetRefName = Org.BranchName(0),
            mergeStatus = "succeeded",
            isDraft = false,
            mergeId = org.Id(EntityKind.PullRequest, index),
            lastMergeSourceCommit = Commit(1),
            lastMergeTargetCommit = Commit(2),
            lastMergeCommit = status == "completed" ? Commit(3) : null,
            reviewers = new[]
            {
                new
                {
                    reviewerUrl = $"{repoUrl}/pullRequests/{id}/reviewers/{Identities.Id(org, reviewer)}",
                    vote = status == "completed" ? 10 : 0,
                    hasDeclined = false,
                    isRequired = true,
                    isFlagged = false,
                    displayName = Identities.DisplayName(reviewer),
                    url = urls.Identity(Identities.Id(org, reviewer)),
                    id = Identities.Id(org, reviewer),
                    uniqueName = Identities.Mail(reviewer),
                    imageUrl = $"{urls.Base}/_api/_common/identityImage?id={Identities.Id(org, reviewer)}",
                },
            },
            url = $"{repoUrl}/pullRequests/{id}",
            supportsIterations = true,
        };
    }
}
