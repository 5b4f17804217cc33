namespace Runner.Domain.Tenants;

/// <summary>Members read; admins also change installations and secrets and trigger resyncs.</summary>
public enum ApiKeyRole
{
    Member,
    Admin,
}
