using System.Security.Cryptography;

namespace Runner.Domain.Secrets;

/// <summary>One generation of the KEK. <see cref="Id"/> is stored next to each wrapped data key.</summary>
public sealed class KeyEncryptionKey
{
    public KeyEncryptionKey(string id, byte[] material)
    {
        if (material.Length != 32)
        {
            throw new CryptographicException($"Key-encryption key '{id}' must be 32 bytes.");
        }
        Id = id;
        Material = material;
    }

    public string Id { get; }

    public byte[] Material { get; }

    public override string ToString() => Id;
}

public interface IKeyEncryptionKeyProvider
{
    /// <summary>The KEK that wraps new data keys.</summary>
    ValueTask<KeyEncryptionKey> GetCurrentAsync(CancellationToken ct);

    /// <summary>The KEK generation a data key was wrapped with (older versions stay readable after rotation).</summary>
    ValueTask<KeyEncryptionKey> GetAsync(string id, CancellationToken ct);
}
