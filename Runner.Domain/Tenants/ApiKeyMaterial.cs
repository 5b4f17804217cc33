using System.Security.Cryptography;
using System.Text;

namespace Runner.Domain.Tenants;

/// <summary>
/// Creates and hashes API keys. Keys carry 256 random bits, so a single SHA-256 is enough to
/// store them safely: there is nothing for a slow password hash to protect against.
/// </summary>
public static class ApiKeyMaterial
{
    private const string KeyPrefix = "rk_";
    private const int PrefixLength = 10;

    public static (string Key, byte[] Hash, string Prefix) Create()
    {
        var key = KeyPrefix + Base64Url(RandomNumberGenerator.GetBytes(32));
        return (key, Hash(key), key[..PrefixLength]);
    }

    public static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
