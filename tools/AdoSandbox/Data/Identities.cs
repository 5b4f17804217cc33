using Runner.Tools.AdoSandbox.Http;

namespace Runner.Tools.AdoSandbox.Data;

/// <summary>Users and the IdentityRef shape that every other object embeds (createdBy, reviewers, members).</summary>
internal static class Identities
{
    public static Guid Id(Org org, int u) => org.Id(EntityKind.User, u);
    public static string DisplayName(int u) => $"User {u + 1:D5}";
    public static string Mail(int u) => $"user{u + 1:D5}@sandbox.example";

    /// <summary>Graph descriptors are "aad." + base64url of the subject's storage key.</summary>
    public static string Descriptor(Org org, int u) =>
        "aad." + Convert.ToBase64String(Id(org, u).ToByteArray()).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static object Ref(Org org, Urls urls, int u)
    {
        var id = Id(org, u);
        var descriptor = Descriptor(org, u);
        return new
        {
            displayName = DisplayName(u),
            url = urls.Identity(id),
            _links = new { avatar = Urls.Href($"{urls.Base}/_apis/GraphProfile/MemberAvatars/{descriptor}") },
            id,
            uniqueName = Mail(u),
            imageUrl = $"{urls.Base}/_api/_common/identityImage?id={id}",
            descriptor,
        };
    }

    /// <summary>A deterministic author for any object, drawn from the user pool.</summary>
    public static int AuthorOf(Org org, EntityKind kind, long index) =>
        (int)(Deterministic.Hash(org.Seed, kind, index) % (ulong)Math.Max(1, org.Options.Users));
}
