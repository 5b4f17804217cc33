using Hangfire;
using Hangfire.Dashboard;
using Runner.Api.Auth;

namespace Microsoft.AspNetCore.Builder;

/// <summary>
/// Hangfire's dashboard at /hangfire, for the operator key only. Job arguments are ids, and the
/// storage connection string is never shown.
/// </summary>
internal static class JobsDashboard
{
    public static WebApplication MapRunnerJobsDashboard(this WebApplication app)
    {
        app.UseHangfireDashboard("/hangfire", new DashboardOptions
        {
            Authorization = [new OperatorOnly()],
            DisplayStorageConnectionString = false,
            DashboardTitle = "Runner jobs",
            AppPath = null,
        });
        return app;
    }

    private sealed class OperatorOnly : IDashboardAuthorizationFilter
    {
        public bool Authorize(DashboardContext context) => context.GetHttpContext().User.IsInRole(RunnerClaims.OperatorRole);
    }
}
