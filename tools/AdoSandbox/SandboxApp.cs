using Microsoft.AspNetCore.Diagnostics;
using Runner.Tools.AdoSandbox.Api;
using Runner.Tools.AdoSandbox.Data;
using Runner.Tools.AdoSandbox.Diagnostics;
using Runner.Tools.AdoSandbox.Faults;
using Runner.Tools.AdoSandbox.Hooks;
using Runner.Tools.AdoSandbox.Http;

namespace Runner.Tools.AdoSandbox;

/// <summary>Wiring shared by <see cref="AdoSandboxHost"/> and the standalone Program.</summary>
public static class SandboxApp
{
    public const string ControlPrefix = "/_sandbox";

    internal static bool IsControlPath(PathString path) => path.StartsWithSegments(ControlPrefix);

    /// <summary>Binds Kestrel to the given URLs, refusing anything but loopback: the sandbox accepts a well-known PAT.</summary>
    public static void ListenOnLoopback(this WebApplicationBuilder builder, IReadOnlyCollection<string> urls)
    {
        foreach (var uri in urls.Select(url => new Uri(url)))
        {
            if (!uri.IsLoopback)
            {
                throw new ArgumentException($"The sandbox binds only to loopback, not {uri}.");
            }
        }
        builder.WebHost.UseUrls([.. urls]);
    }

    public static void AddAdoSandbox(this IServiceCollection services, SandboxOptions options, SandboxFaults faults, RequestLog log)
    {
        options.Validate();
        var state = new OrgState(TimeProvider.System);
        services.AddSingleton(options);
        services.AddSingleton(state);
        services.AddSingleton(new Org(options, state));
        services.AddSingleton<SubscriptionStore>();
        services.AddSingleton(new DeliveryLog(options.RequestLogCapacity));
        services.AddSingleton<HookDelivery>();
        services.AddSingleton(faults);
        services.AddSingleton(log);
        services.AddSingleton(TimeProvider.System);
    }

    public static void UseAdoSandbox(this WebApplication app)
    {
        // The control API is out of band: never logged, authenticated or faulted. The log is outermost so it
        // records the status the client saw; faults come after authentication, like the real throttler.
        app.UseWhen(context => !IsControlPath(context.Request.Path), api =>
        {
            api.UseMiddleware<RequestLogMiddleware>();
            api.UseExceptionHandler(new ExceptionHandlerOptions { ExceptionHandler = WriteError });
            api.UseMiddleware<PatAuthMiddleware>();
            api.UseMiddleware<FaultMiddleware>();
        });

        app.MapControl();
        var org = app.MapGroup("/{org}").AddEndpointFilter(RequireOrganization).AddEndpointFilter(ApiVersion.Filter);
        org.MapConnection();
        org.MapResourceAreas();
        org.MapCore();
        org.MapGraph();
        org.MapEntitlements();
        org.MapGit();
        org.MapGitItems();
        org.MapPullRequests();
        org.MapPolicies();
        org.MapPipelines();
        org.MapBuilds();
        org.MapEnvironments();
        org.MapReleases();
        org.MapReleaseDeployments();
        org.MapWiql();
        org.MapWorkItems();
        org.MapClassification();
        org.MapWork();
        org.MapGroups();
        org.MapTests();
        org.MapAlerts();
        org.MapWikis();
        org.MapHooks();
    }

    private static async ValueTask<object?> RequireOrganization(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var name = http.Request.RouteValues["org"] as string;
        var options = http.RequestServices.GetRequiredService<SandboxOptions>();
        if (!string.Equals(name, options.Organization, StringComparison.OrdinalIgnoreCase))
        {
            return AdoErrors.NotFound($"Organization '{name}'");
        }
        // With area hosts, an area's API answers only on its own host, as the cloud's vsrm/vssps/advsec hosts do.
        if (options.AreaHosts && ApiArea.Of(http.Request) != ApiArea.Of(http.GetEndpoint()) && !IsEverywhere(http.GetEndpoint()))
        {
            return AdoErrors.NotFound($"The resource {http.Request.Path} on host {http.Request.Host}");
        }

        return await next(context);
    }

    /// <summary>Connection data and service hooks answer on every host (hook subscriptions are kept per host).</summary>
    private static bool IsEverywhere(Endpoint? endpoint) => endpoint?.Metadata.GetMetadata<AnyArea>() is not null;

    private static Task WriteError(HttpContext context)
    {
        var error = context.Features.Get<IExceptionHandlerFeature>()?.Error;
        var result = error is BadHttpRequestException bad
            ? AdoErrors.BadRequest(bad.Message)
            : AdoErrors.Result(500, $"VS800002: {error?.Message}", "InternalServerErrorException");
        return result.ExecuteAsync(context);
    }
}
