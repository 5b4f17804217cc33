namespace Runner.Tools.AdoSandbox.Hooks;

/// <summary>One event to deliver: what happened (<paramref name="Resource"/> is the REST object the payload
/// carries) and what subscriptions filter on (project, repository).</summary>
internal sealed record HookEvent(
    Guid Id, string EventType, Guid ProjectId, Guid? RepositoryId, string Message, object Resource, DateTime CreatedDate)
{
    public string PublisherId => HookPublishers.PublisherOf(EventType);
}
