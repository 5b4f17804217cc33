using Refit;

namespace Runner.Domain.Integrations.AzureDevOps.Api;

/// <summary>The Refit clients of one session, each bound to its area's client.</summary>
internal sealed record AzureDevOpsApis(
    ICoreApi Core, IGitApi Git, IPolicyApi Policy, IPipelinesApi Pipelines, IBuildApi Build, IReleaseApi Release,
    IEntitlementApi Entitlements, IGraphApi Graph, IWitApi Wit, IWorkApi Work, IDistributedTaskApi DistributedTask, ITestApi Test,
    IWikiApi Wiki, IAlertApi Alerts, IHooksApi Hooks, IHooksApi ReleaseHooks)
{
    public static AzureDevOpsApis Create(Func<ResourceArea, HttpClient> clientFor)
    {
        var core = clientFor(ResourceArea.Core);
        return new AzureDevOpsApis(
            For<ICoreApi>(core),
            For<IGitApi>(core),
            For<IPolicyApi>(core),
            For<IPipelinesApi>(core),
            For<IBuildApi>(core),
            For<IReleaseApi>(clientFor(ResourceArea.Release)),
            For<IEntitlementApi>(clientFor(ResourceArea.Entitlements)),
            For<IGraphApi>(clientFor(ResourceArea.Graph)),
            For<IWitApi>(core),
            For<IWorkApi>(core),
            For<IDistributedTaskApi>(core),
            For<ITestApi>(core),
            For<IWikiApi>(core),
            For<IAlertApi>(clientFor(ResourceArea.AdvancedSecurity)),
            For<IHooksApi>(core),
            For<IHooksApi>(clientFor(ResourceArea.Release)));
    }

    private static T For<T>(HttpClient client) => RestService.For<T>(client, Settings);

    // Without settings, RestService.For builds new RefitSettings per client, with a new JsonSerializerOptions
    // whose property accessors System.Text.Json emits and the JIT compiles again: sixteen clients a session
    // made that a fifth of a warm tiny resync's CPU. One shared instance keeps its metadata cache warm.
    private static readonly RefitSettings Settings = new();
}
