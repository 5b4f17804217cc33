using System.Text.Json;

namespace Runner.Bench.Jq;

/// <summary>Work items and pull requests shaped like Azure DevOps' REST responses, from a fixed seed.</summary>
internal static class AdoObjects
{
    private static readonly string[] States = ["New", "Active", "Resolved", "Closed"];
    private static readonly string[] Types = ["Bug", "Task", "User Story", "Feature"];
    private static readonly string[] People = ["alice@contoso.com", "bob@contoso.com", "chandra@contoso.com", "dmitri@contoso.com"];

    public static byte[] WorkItem(Random r, int id) => JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object?>
    {
        ["id"] = id,
        ["rev"] = r.Next(1, 40),
        ["fields"] = new Dictionary<string, object?>
        {
            ["System.AreaPath"] = "Fabrikam\\Web",
            ["System.TeamProject"] = "Fabrikam",
            ["System.IterationPath"] = $"Fabrikam\\Sprint {r.Next(1, 30)}",
            ["System.WorkItemType"] = Types[r.Next(Types.Length)],
            ["System.State"] = States[r.Next(States.Length)],
            ["System.Reason"] = "New",
            ["System.AssignedTo"] = Person(r),
            ["System.CreatedDate"] = "2026-03-05T23:51:47.113Z",
            ["System.CreatedBy"] = Person(r),
            ["System.ChangedDate"] = "2026-04-01T08:12:00.5Z",
            ["System.Title"] = $"Customer can sign in with a work account ({id})",
            ["System.Tags"] = r.Next(3) == 0 ? null : "web; auth; p" + r.Next(4),
            ["Microsoft.VSTS.Common.Priority"] = r.Next(1, 5),
            ["Microsoft.VSTS.Scheduling.StoryPoints"] = r.Next(1, 13) / 2.0,
        },
        ["url"] = $"https://dev.azure.com/fabrikam/_apis/wit/workItems/{id}",
        ["__project"] = new { id = "6ce954b1-ce1f-45d1-b94d-e6bf2464ba2c", name = "Fabrikam" },
        ["__organizationUrl"] = "https://dev.azure.com/fabrikam",
    });

    public static byte[] PullRequest(Random r, int id) => JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object?>
    {
        ["repository"] = new
        {
            id = "3411ebc1-d5aa-464f-9615-0b527bc66719",
            name = "Fabrikam Web",
            url = "https://dev.azure.com/fabrikam/_apis/git/repositories/3411ebc1-d5aa-464f-9615-0b527bc66719",
            project = new { id = "a7573007-bbb3-4341-b726-0c4148a07853", name = "Fabrikam Project", state = "wellFormed" },
        },
        ["pullRequestId"] = id,
        ["codeReviewId"] = id,
        ["status"] = r.Next(2) == 0 ? "active" : "completed",
        ["createdBy"] = Person(r),
        ["creationDate"] = "2026-02-17T22:02:34.4527234Z",
        ["closedDate"] = r.Next(2) == 0 ? null : "2026-02-18T10:00:00Z",
        ["title"] = $"Add a sign-in page ({id})",
        ["description"] = "Adding a new feature",
        ["sourceRefName"] = $"refs/heads/feature/{id}",
        ["targetRefName"] = "refs/heads/main",
        ["mergeStatus"] = "succeeded",
        ["isDraft"] = r.Next(5) == 0,
        ["mergeId"] = "f5fc8381-3fb2-49fe-8a0d-27dcc2d6ef82",
        ["reviewers"] = Enumerable.Range(0, r.Next(4)).Select(_ => new { reviewerUrl = "https://dev.azure.com/fabrikam/_apis/identities", vote = 10, uniqueName = People[r.Next(People.Length)], displayName = "Reviewer" }).ToArray(),
        ["url"] = $"https://dev.azure.com/fabrikam/_apis/git/repositories/3411ebc1/pullRequests/{id}",
        ["supportsIterations"] = true,
    });

    private static object Person(Random r)
    {
        var mail = People[r.Next(People.Length)];
        return new { displayName = mail.Split('@')[0], url = "https://spsprodeus27.vssps.visualstudio.com/_apis/Identities/1", id = "d291b0c4-a05c-4ea6-8df1-4b41d5f39eff", uniqueName = mail, imageUrl = "https://dev.azure.com/fabrikam/_api/_common/identityImage?id=1" };
    }
}
