using Refit;

namespace Runner.Domain.Integrations.AzureDevOps.Api;

/// <summary>The Refit clients of one session, each bound to its area's host.</summary>
internal sealed record AzureDevOpsApis(
    ICoreApi Core, IGitApi Git, IPolicyApi Policy, IPipelinesApi Pipelines, IBuildApi Build, IReleaseApi Release,
    IEntitlementApi Entitlements, IGraphApi Graph, IWitApi Wit, IWorkApi Work)
{
    public static AzureDevOpsApis Create(AzureDevOpsHosts hosts, Func<Uri, HttpClient> clientFor)
    {
        var core = clientFor(hosts.Core);
        return new AzureDevOpsApis(
            RestService.For<ICoreApi>(core),
            RestService.For<IGitApi>(core),
            RestService.For<IPolicyApi>(core),
            RestService.For<IPipelinesApi>(core),
            RestService.For<IBuildApi>(core),
            RestService.For<IReleaseApi>(clientFor(hosts.Release)),
            RestService.For<IEntitlementApi>(clientFor(hosts.Entitlements)),
            RestService.For<IGraphApi>(clientFor(hosts.Graph)),
            RestService.For<IWitApi>(core),
            RestService.For<IWorkApi>(core));
    }
}
