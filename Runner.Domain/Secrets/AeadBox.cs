using System.Security.Cryptography;

namespace Runner.Domain.Secrets;

/// <summary>
/// AES-256-GCM sealing as one blob: nonce (12) | ciphertext | tag (16). The associated data binds
/// a blob to its owner: opening it under any other owner fails authentication.
/// </summary>
internal static class AeadBox
{
    private const int NonceSize = 12;
    private const int TagSize = 16;

    public static byte[] Seal(byte[] key, ReadOnlySpan<byte> plaintext, ReadOnlySpan<byte> associatedData)
    {
        var blob = new byte[NonceSize + plaintext.Length + TagSize];
        var nonce = blob.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(key, TagSize);
        aes.Encrypt(nonce, plaintext, blob.AsSpan(NonceSize, plaintext.Length), blob.AsSpan(NonceSize + plaintext.Length), associatedData);
        return blob;
    }

    public static byte[] Open(byte[] key, ReadOnlySpan<byte> blob, ReadOnlySpan<byte> associatedData)
    {
        if (blob.Length < NonceSize + TagSize)
        {
            throw new CryptographicException("Sealed value is too short.");
        }
        var plaintext = new byte[blob.Length - NonceSize - TagSize];
        using var aes = new AesGcm(key, TagSize);
        aes.Decrypt(blob[..NonceSize], blob.Slice(NonceSize, plaintext.Length), blob[^TagSize..], plaintext, associatedData);
        return plaintext;
    }
}
