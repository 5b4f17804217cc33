using System.Security.Cryptography;
using System.Text;
using Runner.Domain.Installations;
using Runner.Domain.Secrets;

namespace Runner.Domain.LiveEvents;

/// <summary>
/// Each installation's service hook credential: 32 random bytes, sealed with its tenant's data key like a Port
/// secret (bound to the tenant and the installation), given only to Azure DevOps and never shown or logged.
/// </summary>
public sealed class WebhookCredentials(TenantDataKeys dataKeys)
{
    /// <summary>The basic-auth user name; the password alone carries the secret.</summary>
    public const string UserName = "runner";

    public async Task<byte[]> NewSealedAsync(Guid tenantId, Guid installationId, CancellationToken ct)
    {
        var password = Base64Url(RandomNumberGenerator.GetBytes(32));
        return AeadBox.Seal(await dataKeys.GetAsync(tenantId, ct), Encoding.UTF8.GetBytes(password), AssociatedData(tenantId, installationId));
    }

    public async Task<string> OpenAsync(Installation installation, CancellationToken ct)
    {
        var sealedPassword = installation.WebhookCredential ?? throw new InvalidOperationException("The installation has no webhook credential yet.");
        var plaintext = AeadBox.Open(await dataKeys.GetAsync(installation.TenantId, ct), sealedPassword, AssociatedData(installation.TenantId, installation.Id));
        return Encoding.UTF8.GetString(plaintext);
    }

    /// <summary>Compares a presented <c>Authorization: Basic …</c> value in constant time.</summary>
    public async Task<bool> VerifyAsync(Installation installation, string? authorization, CancellationToken ct)
    {
        var expected = installation.WebhookCredential is null ? null : $"{UserName}:{await OpenAsync(installation, ct)}";
        return Matches(expected, authorization);
    }

    /// <summary>Also called for unknown installations (with no expected value), so both cost the same.</summary>
    public static bool Matches(string? expected, string? authorization)
    {
        var presented = Presented(authorization);
        // Hashing first makes the comparison independent of either length.
        var left = SHA256.HashData(Encoding.UTF8.GetBytes(expected ?? "\0"));
        var right = SHA256.HashData(presented ?? []);
        return CryptographicOperations.FixedTimeEquals(left, right) && expected is not null && presented is not null;
    }

    private static byte[]? Presented(string? authorization)
    {
        const string scheme = "Basic ";
        if (authorization is null || !authorization.StartsWith(scheme, StringComparison.OrdinalIgnoreCase) || authorization.Length > 512)
        {
            return null;
        }
        var decoded = new byte[authorization.Length];
        return Convert.TryFromBase64String(authorization[scheme.Length..].Trim(), decoded, out var length) ? decoded[..length] : null;
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static byte[] AssociatedData(Guid tenantId, Guid installationId) => Encoding.UTF8.GetBytes($"runner-webhook:{tenantId:N}:{installationId:N}");
}
