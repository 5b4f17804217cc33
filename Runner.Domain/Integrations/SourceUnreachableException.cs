namespace Runner.Domain.Integrations;

/// <summary>The source could not be reached after every retry: worth a later retry of the run.</summary>
public abstract class SourceUnreachableException(string message, Exception? inner) : Exception(message, inner);
