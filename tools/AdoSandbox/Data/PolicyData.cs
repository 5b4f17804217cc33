using Runner.Tools.AdoSandbox.Http;

namespace Runner.Tools.AdoSandbox.Data;

/// <summary>Branch policy configurations, all scoped to a repository's default branch.</summary>
internal static class PolicyData
{
    private static readonly (string Id, string Name)[] Types =
    [
        ("fa4e907d-c16b-4a4c-9dfa-4906e5d171dd", "Minimum number of reviewers"),
        ("0609b952-1397-4640-95ec-e00a01b2c241", "Build"),
        ("40e92b44-2fe1-4dd6-b3d8-74a9c21d0c6e", "Work item linking"),
        ("c6a1889d-b943-4856-b76f-9e46bb6b0df2", "Comment requirements"),
        ("fd2167ab-b0be-447a-8ec8-39368250530e", "Required reviewers"),
    ];

    public static Guid TypeOf(int ordinal) => Guid.Parse(Types[ordinal % Types.Length].Id);

    public static object? Policy(Org org, Urls urls, int p, int r, int ordinal)
    {
        var repoIndex = org.RepoIndex(p, r);
        var index = repoIndex * org.Options.PoliciesPerRepo + ordinal;
        if (!org.Live(EntityKind.Policy, index))
        {
            return null;
        }
        var id = index + 1;
        var projectId = org.Id(EntityKind.Project, p);
        var (typeId, typeName) = Types[ordinal % Types.Length];
        var self = $"{urls.Base}/{projectId}/_apis/policy/configurations/{id}";
        var typeUrl = $"{urls.Base}/{projectId}/_apis/policy/types/{typeId}";
        return new
        {
            createdBy = Identities.Ref(org, urls, Identities.AuthorOf(org, EntityKind.Policy, index)),
            createdDate = org.Before(EntityKind.Policy, index, 365),
            isEnabled = true,
            isBlocking = ordinal % 2 == 0,
            isDeleted = false,
            settings = new
            {
                minimumApproverCount = typeName == "Minimum number of reviewers" ? 2 : (int?)null,
                scope = new[] { new { refName = Org.BranchName(0), matchKind = "Exact", repositoryId = org.Id(EntityKind.Repository, repoIndex) } },
            },
            _links = new { self = Urls.Href(self), policyType = Urls.Href(typeUrl) },
            revision = 1,
            id,
            url = self,
            type = new { id = typeId, url = typeUrl, displayName = typeName },
        };
    }
}
