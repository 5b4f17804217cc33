using Runner.Tools.AdoSandbox.Http;

namespace Runner.Tools.AdoSandbox.Data;

/// <summary>Graph groups (project-scoped Azure DevOps groups, "vssgp." descriptors) and their user members.</summary>
internal static class GroupData
{
    private static readonly string[] Names = ["Contributors", "Readers", "Build Administrators", "Project Administrators"];

    public static long Count(Org org) => (long)org.Options.Projects * org.Options.GroupsPerProject;
    public static string Name(int k) => k < Names.Length ? Names[k] : $"Group {k + 1}";
    public static int Project(Org org, long g) => (int)(g / Math.Max(1, org.Options.GroupsPerProject));

    public static bool Live(Org org, long g) => g >= 0 && g < Count(org) && org.ProjectLive(Project(org, g)) && org.Live(EntityKind.Group, g);

    public static string Descriptor(Org org, long g) => "vssgp." + Base64Url(org.Id(EntityKind.Group, g));

    /// <summary>Members are distinct users as long as MembersPerGroup ≤ Users.</summary>
    public static int MemberUser(Org org, long g, int m) => (int)((g * 3 + m) % Math.Max(1, org.Options.Users));

    public static IEnumerable<int> Members(Org org, long g) =>
        Enumerable.Range(0, org.Options.MembersPerGroup).Select(m => MemberUser(org, g, m)).Where(org.UserLive);

    public static object? Group(Org org, Urls urls, long g)
    {
        if (!Live(org, g))
        {
            return null;
        }

        var p = Project(org, g);
        var k = (int)(g % org.Options.GroupsPerProject);
        var descriptor = Descriptor(org, g);
        var self = $"{urls.Base}/_apis/Graph/Groups/{descriptor}";
        return new
        {
            subjectKind = "group",
            description = $"Members of this group can {(k == 1 ? "view" : "change")} {Org.ProjectName(p)}.",
            domain = $"vstfs:///Classification/TeamProject/{org.Id(EntityKind.Project, p)}",
            principalName = $"[{Org.ProjectName(p)}]\\{Name(k)}",
            mailAddress = (string?)null,
            origin = "vsts",
            originId = org.Id(EntityKind.Group, g),
            displayName = Name(k),
            _links = new
            {
                self = Urls.Href(self),
                memberships = Urls.Href($"{urls.Base}/_apis/Graph/Memberships/{descriptor}"),
                membershipState = Urls.Href($"{urls.Base}/_apis/Graph/MembershipStates/{descriptor}"),
                storageKey = Urls.Href($"{urls.Base}/_apis/Graph/StorageKeys/{descriptor}"),
            },
            url = self,
            descriptor,
        };
    }

    /// <summary>The subject a descriptor names: ("user", u), ("group", g), or null for one the sandbox never issued.</summary>
    public static (string Kind, long Index)? Resolve(Org org, string descriptor)
    {
        var dot = descriptor.IndexOf('.', StringComparison.Ordinal);
        if (dot < 0)
        {
            return null;
        }

        var (prefix, kind) = descriptor[..dot] switch
        {
            "aad" => ("user", EntityKind.User),
            "vssgp" => ("group", EntityKind.Group),
            _ => ("", EntityKind.User),
        };
        var text = descriptor[(dot + 1)..].Replace('-', '+').Replace('_', '/');
        Span<byte> bytes = stackalloc byte[18];
        if (prefix.Length == 0 || !Convert.TryFromBase64String(text.PadRight(text.Length + (4 - text.Length % 4) % 4, '='), bytes, out var written) || written != 16)
        {
            return null;
        }

        return Deterministic.TryIndex(org.Seed, kind, new Guid(bytes[..16]), out var index) ? (prefix, index) : null;
    }

    private static string Base64Url(Guid id) => Convert.ToBase64String(id.ToByteArray()).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
