namespace Runner.Domain.Integrations;

/// <summary>The source refused the installation's credentials: the run fails and the installation needs attention. Never retried.</summary>
public abstract class CredentialsRefusedException(string message) : Exception(message);
