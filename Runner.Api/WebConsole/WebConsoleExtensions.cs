namespace Microsoft.AspNetCore.Builder;

internal static class WebConsoleExtensions
{
    /// <summary>
    /// Serves the Data sources console (plain files under wwwroot, no build step) at <c>/</c>.
    /// It talks only to the public /api/v1 API, so it needs nothing from the server but its files.
    /// </summary>
    public static WebApplication UseRunnerConsole(this WebApplication app)
    {
        app.UseDefaultFiles();
        app.UseStaticFiles(new StaticFileOptions
        {
            // Files change with every deploy and carry no version in their names: always revalidate.
            OnPrepareResponse = context => context.Context.Response.Headers.CacheControl = "no-cache",
        });
        return app;
    }
}
