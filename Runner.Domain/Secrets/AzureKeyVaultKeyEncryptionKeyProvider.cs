using System.Collections.Concurrent;
using System.Security.Cryptography;
using Azure.Security.KeyVault.Secrets;
using Microsoft.Extensions.Options;

namespace Runner.Domain.Secrets;

/// <summary>
/// The KEK is a Key Vault secret. Each secret version is one KEK generation: new data keys are
/// wrapped with the current version; data keys wrapped earlier name their version and stay
/// readable after rotation. Versions are immutable, so they are cached for the process lifetime.
/// </summary>
internal sealed class AzureKeyVaultKeyEncryptionKeyProvider(
    SecretClient client, IOptions<SecretsOptions> options, TimeProvider clock) : IKeyEncryptionKeyProvider
{
    private const string IdPrefix = "azureKeyVault:";
    private readonly AzureKeyVaultKekOptions _options = options.Value.AzureKeyVault;
    private readonly ConcurrentDictionary<string, KeyEncryptionKey> _versions = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _refresh = new(1, 1);
    private (KeyEncryptionKey Key, DateTimeOffset FetchedAt)? _current;

    public async ValueTask<KeyEncryptionKey> GetCurrentAsync(CancellationToken ct)
    {
        if (_current is { } cached && clock.GetUtcNow() - cached.FetchedAt < _options.CurrentVersionCacheDuration)
        {
            return cached.Key;
        }
        await _refresh.WaitAsync(ct);
        try
        {
            if (_current is { } fresh && clock.GetUtcNow() - fresh.FetchedAt < _options.CurrentVersionCacheDuration)
            {
                return fresh.Key;
            }
            var key = await FetchAsync(version: null, ct);
            _current = (key, clock.GetUtcNow());
            return key;
        }
        finally
        {
            _refresh.Release();
        }
    }

    public async ValueTask<KeyEncryptionKey> GetAsync(string id, CancellationToken ct)
    {
        if (_versions.TryGetValue(id, out var known))
        {
            return known;
        }
        var prefix = $"{IdPrefix}{_options.SecretName}/";
        if (!id.StartsWith(prefix, StringComparison.Ordinal))
        {
            throw new CryptographicException($"Data key was wrapped with key-encryption key '{id}', which is not a version of Key Vault secret '{_options.SecretName}'.");
        }
        return await FetchAsync(id[prefix.Length..], ct);
    }

    private async Task<KeyEncryptionKey> FetchAsync(string? version, CancellationToken ct)
    {
        var secret = (await client.GetSecretAsync(_options.SecretName, version, ct)).Value;
        if (!SecretsOptionsValidator.IsBase64Of32Bytes(secret.Value))
        {
            throw new CryptographicException($"Key Vault secret '{_options.SecretName}' version '{secret.Properties.Version}' does not hold base64 of 32 bytes.");
        }
        var key = new KeyEncryptionKey($"{IdPrefix}{_options.SecretName}/{secret.Properties.Version}", Convert.FromBase64String(secret.Value.Trim()));
        return _versions.GetOrAdd(key.Id, key);
    }
}
