using Runner.Tools.AdoSandbox.Data;

namespace Runner.Tools.AdoSandbox.Http;

/// <summary>
/// Absolute URLs for response bodies. Every API area (vsrm, vssps, vsaex too) is served from the one
/// host the request came to, like a single-host Azure DevOps Server.
/// </summary>
internal sealed record Urls(string Base)
{
    public static Urls For(HttpContext context, Org org) =>
        new($"{context.Request.Scheme}://{context.Request.Host}/{org.Options.Organization}");

    public string Project(Guid projectId) => $"{Base}/_apis/projects/{projectId}";
    public string Identity(Guid id) => $"{Base}/_apis/Identities/{id}";
    public string Repo(Guid projectId, Guid repoId) => $"{Base}/{projectId}/_apis/git/repositories/{repoId}";
    public static object Href(string href) => new { href };
}
