using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace Runner.Domain.Secrets;

/// <summary>
/// The embedded default: a KEK from configuration, or from a key file created with mode 0600 on
/// first use. Its id carries a fingerprint, so a data key wrapped by another key is named, not garbled.
/// </summary>
internal sealed class LocalKeyEncryptionKeyProvider(IOptions<SecretsOptions> options) : IKeyEncryptionKeyProvider
{
    private readonly Lazy<KeyEncryptionKey> _key = new(() => Load(options.Value.Local));

    public ValueTask<KeyEncryptionKey> GetCurrentAsync(CancellationToken ct) => ValueTask.FromResult(_key.Value);

    public ValueTask<KeyEncryptionKey> GetAsync(string id, CancellationToken ct) =>
        id == _key.Value.Id
            ? ValueTask.FromResult(_key.Value)
            : throw new CryptographicException($"Data key was wrapped with key-encryption key '{id}', but the configured local key is '{_key.Value.Id}'.");

    private static KeyEncryptionKey Load(LocalKekOptions options)
    {
        var material = options.Key is { } configured
            ? Convert.FromBase64String(configured.Trim())
            : ReadOrCreateKeyFile(options.KeyFile);
        var fingerprint = Convert.ToHexStringLower(SHA256.HashData(material))[..16];
        return new KeyEncryptionKey($"local:{fingerprint}", material);
    }

    private static byte[] ReadOrCreateKeyFile(string path)
    {
        if (!File.Exists(path))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            try
            {
                var create = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
                if (!OperatingSystem.IsWindows())
                {
                    create.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
                }
                using var stream = new FileStream(path, create);
                using var writer = new StreamWriter(stream);
                writer.Write(Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
            }
            catch (IOException) when (File.Exists(path))
            {
                // Api and Worker may start together; the other process created it first.
            }
        }
        var text = File.ReadAllText(path).Trim();
        return SecretsOptionsValidator.IsBase64Of32Bytes(text)
            ? Convert.FromBase64String(text)
            : throw new CryptographicException($"Key file '{path}' does not hold base64 of 32 bytes.");
    }
}
