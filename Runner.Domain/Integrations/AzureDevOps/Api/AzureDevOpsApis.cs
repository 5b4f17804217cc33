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
            RestService.For<ICoreApi>(core),
            RestService.For<IGitApi>(core),
            RestService.For<IPolicyApi>(core),
            RestService.For<IPipelinesApi>(core),
            RestService.For<IBuildApi>(core),
            RestService.For<IReleaseApi>(clientFor(ResourceArea.Release)),
            RestService.For<IEntitlementApi>(clientFor(ResourceArea.Entitlements)),
            RestService.For<IGraphApi>(clientFor(ResourceArea.Graph)),
            RestService.For<IWitApi>(core),
            RestService.For<IWorkApi>(core),
            RestService.For<IDistributedTaskApi>(core),
            RestService.For<ITestApi>(core),
            RestService.For<IWikiApi>(core),
            RestService.For<IAlertApi>(clientFor(ResourceArea.AdvancedSecurity)),
            RestService.For<IHooksApi>(core),
            RestService.For<IHooksApi>(clientFor(ResourceArea.Release)));
    }
}
