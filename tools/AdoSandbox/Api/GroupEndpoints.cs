using Runner.Tools.AdoSandbox.Data;
using Runner.Tools.AdoSandbox.Http;

namespace Runner.Tools.AdoSandbox.Api;

/// <summary>
/// vssps graph groups (continuation header, service-chosen page size), memberships of a subject
/// (<c>direction=up</c>: its groups, <c>down</c>: a group's members; no paging) and subject lookup by descriptor.
/// </summary>
internal static class GroupEndpoints
{
    private const int ServicePageSize = 500;
    private const int LookupLimit = 500;

    public sealed record LookupKey(string? Descriptor);
    public sealed record LookupRequest(LookupKey[]? LookupKeys);

    public static void MapGroups(this IEndpointRouteBuilder org)
    {
        org.MapGet("/_apis/graph/groups", ListGroups).RequirePreview().InArea(ApiArea.Graph);
        org.MapGet("/_apis/graph/memberships/{subjectDescriptor}", ListMemberships).RequirePreview().InArea(ApiArea.Graph);
        org.MapPost("/_apis/graph/subjectlookup", Lookup).RequirePreview().InArea(ApiArea.Graph);
    }

    private static IResult ListGroups(HttpContext context, Org org, string? continuationToken)
    {
        var urls = Urls.For(context, org);
        var (items, next) = Paging.Continue(
            GroupData.Count(org), continuationToken, Math.Min(ServicePageSize, org.Options.MaxPageSize), TokenStyle.Opaque,
            g => GroupData.Group(org, urls, g));
        return Paging.List(context, items, next);
    }

    private static IResult ListMemberships(HttpContext context, Org org, string subjectDescriptor, string? direction)
    {
        if (GroupData.Resolve(org, subjectDescriptor) is not var (kind, index)
            || (kind == "user" ? !org.UserLive((int)index) : !GroupData.Live(org, index)))
        {
            return AdoErrors.Result(404, $"VS860018: The subject with descriptor {subjectDescriptor} could not be found.", "GraphSubjectNotFoundException");
        }
        var urls = Urls.For(context, org);
        var down = string.Equals(direction, "down", StringComparison.OrdinalIgnoreCase);
        var pairs = (kind, down) switch
        {
            ("group", true) => GroupData.Members(org, index).Select(u => (Container: GroupData.Descriptor(org, index), Member: Identities.Descriptor(org, u))),
            ("user", false) => Enumerable.Range(0, (int)Math.Min(GroupData.Count(org), int.MaxValue))
                .Where(g => GroupData.Live(org, g) && GroupData.Members(org, g).Contains((int)index))
                .Select(g => (Container: GroupData.Descriptor(org, g), Member: subjectDescriptor)),
            _ => [],
        };
        return Json.List(pairs.Select(pair => (object)new
        {
            containerDescriptor = pair.Container,
            memberDescriptor = pair.Member,
            _links = new
            {
                self = Urls.Href($"{urls.Base}/_apis/Graph/Memberships/{pair.Member}/{pair.Container}"),
                member = Urls.Href($"{urls.Base}/_apis/Graph/Users/{pair.Member}"),
                container = Urls.Href($"{urls.Base}/_apis/Graph/Groups/{pair.Container}"),
            },
        }).ToList());
    }

    /// <summary>Answers <c>{"value": {descriptor: subject}}</c>; descriptors it doesn't know are left out.</summary>
    private static IResult Lookup(HttpContext context, Org org, LookupRequest request)
    {
        var keys = request.LookupKeys ?? [];
        if (keys.Length > LookupLimit)
        {
            return AdoErrors.BadRequest($"VS860065: A subject lookup accepts at most {LookupLimit} descriptors.");
        }

        var urls = Urls.For(context, org);
        var found = new Dictionary<string, object>();
        foreach (var descriptor in keys.Select(key => key.Descriptor).OfType<string>().Distinct())
        {
            var subject = GroupData.Resolve(org, descriptor) switch
            {
                ("user", var u) => UserData.GraphUser(org, urls, (int)u),
                ("group", var g) => GroupData.Group(org, urls, g),
                _ => null,
            };
            if (subject is not null)
            {
                found[descriptor] = subject;
            }
        }
        return Json.Ok(new { value = found });
    }
}
