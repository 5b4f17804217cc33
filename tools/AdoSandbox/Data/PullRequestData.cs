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

    public static object PullRequest(Org org, Urls urls, int p, int r, int ordinal)
    {
        var repoIndex = org.RepoIndex(p, r);
        var index = repoIndex * org.Options.PullRequestsPerRepo + ordinal;
        var id = index + 1;
        var status = Status(ordinal);
        var (created, closed) = Dates(org, index, status);
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
            title = $"Change {id} in {Org.RepoName(r)}",
            description = $"Generated pull request {id}.",
            sourceRefName = $"refs/heads/topic/pr-{id}",
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
