namespace Runner.Domain.Secrets;

/// <summary>A tenant's AES-256 data key, stored only wrapped by a key-encryption key.</summary>
public sealed class TenantDataKey
{
    public Guid TenantId { get; init; }
    public required byte[] WrappedKey { get; set; }
    public required string KekId { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
}
