using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Microsoft.AspNetCore.Builder;

public static class RunnerHealthEndpoints
{
    /// <summary><c>/healthz</c>: the process answers. <c>/readyz</c>: PostgreSQL reachable and migrated.</summary>
    public static IEndpointRouteBuilder MapRunnerHealthChecks(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false });
        endpoints.MapHealthChecks("/readyz", new HealthCheckOptions { Predicate = check => check.Tags.Contains(RunnerPersistenceExtensions.ReadyTag) });
        return endpoints;
    }
}
