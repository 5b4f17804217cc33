using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Runner.Api.Auth;
using Runner.Domain.Egress;

namespace Runner.Api.Egress;

internal static class EgressEndpoints
{
    public sealed record EgressAddresses(IReadOnlyList<string> Addresses);

    public static IEndpointRouteBuilder MapEgress(this IEndpointRouteBuilder api)
    {
        api.MapGroup("/egress-ips").WithTags("Egress").RequireKey(RunnerPolicies.TenantMember)
            .MapGet("/", ListEgressAddresses).WithSummary("List the egress addresses to allowlist");
        return api;
    }

    /// <summary>The addresses tenants must allowlist: every call to their systems leaves from one of them.</summary>
    private static Ok<EgressAddresses> ListEgressAddresses(IOptions<EgressOptions> egress) =>
        TypedResults.Ok(new EgressAddresses(egress.Value.Addresses));
}
