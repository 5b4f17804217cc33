using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace Runner.Domain.Secrets;

internal sealed partial class SecretsOptionsValidator : IValidateOptions<SecretsOptions>
{
    public ValidateOptionsResult Validate(string? name, SecretsOptions options)
    {
        var failures = new List<string>();
        switch (options.KekProvider)
        {
            case SecretsOptions.LocalProvider:
                if (options.Local.Key is { } key && !IsBase64Of32Bytes(key))
                {
                    failures.Add("Runner:Secrets:Local:Key must be base64 of exactly 32 bytes.");
                }
                if (options.Local.Key is null && string.IsNullOrWhiteSpace(options.Local.KeyFile))
                {
                    failures.Add("Runner:Secrets:Local:KeyFile is required when Runner:Secrets:Local:Key is unset.");
                }
                break;
            case SecretsOptions.AzureKeyVaultProvider:
                if (options.AzureKeyVault.VaultUri is not { IsAbsoluteUri: true, Scheme: "https" })
                {
                    failures.Add("Runner:Secrets:AzureKeyVault:VaultUri must be an absolute https URL.");
                }
                if (options.AzureKeyVault.SecretName is not { } secretName || !KeyVaultName().IsMatch(secretName))
                {
                    failures.Add("Runner:Secrets:AzureKeyVault:SecretName must be 1-127 characters of 0-9, a-z, A-Z and '-'.");
                }
                if (options.AzureKeyVault.CurrentVersionCacheDuration <= TimeSpan.Zero)
                {
                    failures.Add("Runner:Secrets:AzureKeyVault:CurrentVersionCacheDuration must be positive.");
                }
                break;
            default:
                failures.Add($"Runner:Secrets:KekProvider must be '{SecretsOptions.LocalProvider}' or '{SecretsOptions.AzureKeyVaultProvider}'.");
                break;
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    internal static bool IsBase64Of32Bytes(string value)
    {
        Span<byte> buffer = stackalloc byte[48];
        return Convert.TryFromBase64String(value.Trim(), buffer, out var written) && written == 32;
    }

    [GeneratedRegex("^[0-9a-zA-Z-]{1,127}$")]
    private static partial Regex KeyVaultName();
}
