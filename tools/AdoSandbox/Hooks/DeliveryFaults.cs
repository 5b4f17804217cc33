namespace Runner.Tools.AdoSandbox.Hooks;

/// <summary>
/// Misbehaviour of service hook deliveries, as Azure DevOps shows it: each delivery sent <see cref="Duplicates"/>
/// extra times (its retries), held <see cref="DelayMs"/> before sending, and the events of one change sent newest
/// first with <see cref="OutOfOrder"/>.
/// </summary>
public sealed record DeliveryFaults
{
    public int Duplicates { get; init; }
    public int DelayMs { get; init; }
    public bool OutOfOrder { get; init; }
}
