using System.Diagnostics.CodeAnalysis;
using Runner.Tools.AdoSandbox.Data;
using Runner.Tools.AdoSandbox.Http;

namespace Runner.Tools.AdoSandbox.Api;

/// <summary>Resolves <c>{project}</c>/<c>{repositoryId}</c> route values, with the real service's 404 bodies.</summary>
internal static class RepoLookup
{
    /// <summary>Org-level routes carry no project, so the repository must be a GUID (as in ADO).</summary>
    public static bool TryResolve(Org org, string? project, string repository, out int p, out int r, [NotNullWhen(false)] out IResult? error)
    {
        r = -1;
        error = null;
        if (project is not null)
        {
            if (!org.TryFindProject(project, out p))
            {
                error = AdoErrors.ProjectNotFound(project);
            }
            else if (!org.TryFindRepo(p, repository, out r))
            {
                error = AdoErrors.RepoNotFound(repository);
            }
            return error is null;
        }
        p = -1;
        if (Guid.TryParse(repository, out var id)
            && Deterministic.TryIndex(org.Seed, EntityKind.Repository, id, out var index)
            && org.Options.ReposPerProject > 0)
        {
            p = (int)(index / org.Options.ReposPerProject);
            r = (int)(index % org.Options.ReposPerProject);
        }
        if (!org.RepoLive(p, r))
        {
            error = AdoErrors.RepoNotFound(repository);
        }
        return error is null;
    }
}
