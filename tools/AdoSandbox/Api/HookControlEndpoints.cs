using Runner.Tools.AdoSandbox.Data;
using Runner.Tools.AdoSandbox.Hooks;

namespace Runner.Tools.AdoSandbox.Api;

/// <summary>
/// Control API for service hooks and incremental queries: set a subscription's status (as the service does after
/// failures), read or clear the delivery log, set delivery faults, and touch N objects of a kind (their changed
/// time and revision advance, no events) so an incremental resync has something to find.
/// </summary>
internal static class HookControlEndpoints
{
    public sealed record StatusChange(string? Status);
    public sealed record TouchRequest(string? Kind, int? Count);

    private static readonly string[] Statuses = ["enabled", "onProbation", "disabledByUser", "disabledBySystem", "disabledByInactiveIdentity"];

    public static void MapHookControl(this IEndpointRouteBuilder control)
    {
        control.MapPost("/subscriptions/{id:guid}/status", SetStatus);
        control.MapGet("/deliveries", (DeliveryLog log) => TypedResults.Ok(log.Snapshot()));
        control.MapDelete("/deliveries", (DeliveryLog log) =>
        {
            log.Clear();
            return TypedResults.NoContent();
        });
        control.MapGet("/delivery-faults", (HookDelivery delivery) => TypedResults.Ok(delivery.Faults));
        control.MapPost("/delivery-faults", (HookDelivery delivery, DeliveryFaults faults) =>
        {
            delivery.Faults = faults;
            return TypedResults.Ok(faults);
        });
        control.MapPost("/touch", Touch);
    }

    private static IResult SetStatus(SubscriptionStore store, OrgState state, Guid id, StatusChange change)
    {
        if (change.Status is not { } status || !Statuses.Contains(status))
        {
            return ChangeResult.Problem($"status: must be one of {string.Join(", ", Statuses)}.");
        }
        if (store.Get(id) is not { } subscription)
        {
            return ChangeResult.Missing($"Subscription {id} does not exist.");
        }
        store.Put(subscription with { Status = status, ModifiedDate = state.Now() });
        return TypedResults.Ok(new { id, status });
    }

    private static IResult Touch(Org org, TouchRequest request)
    {
        if (request.Count is not (>= 1 and <= 1_000_000))
        {
            return ChangeResult.Problem("count: must be between 1 and 1000000.");
        }
        if (request.Kind is null || !Touchable.Kinds.TryGetValue(request.Kind, out var kind))
        {
            return ChangeResult.Problem($"kind: must be one of {string.Join(", ", Touchable.Kinds.Keys)}.");
        }
        var touched = Touchable.Pick(org, kind, request.Count.Value);
        foreach (var (index, _) in touched)
        {
            org.State.Touch(kind.Entity, index);
        }
        return TypedResults.Ok(new { kind = request.Kind, touched = touched.Select(t => t.Id) });
    }
}
