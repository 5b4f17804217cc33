namespace Runner.Domain.LiveEvents;

public enum LiveEventsStatus
{
    /// <summary>Subscriptions are not set up yet (the Worker's next check does it).</summary>
    Pending,

    Active,

    /// <summary>Turned off by the installation's <c>liveEvents</c> setting, or by Runner's configuration.</summary>
    Off,

    /// <summary>Azure DevOps refused the subscriptions (e.g. the PAT lacks the service hooks scope).</summary>
    Unavailable,

    /// <summary>Some subscriptions could not be made to match (see the reason); the others work.</summary>
    Degraded,
}
