namespace Runner.Domain.Secrets;

/// <summary>Where the key-encryption key (KEK) that wraps every tenant's data key comes from.</summary>
public sealed class SecretsOptions
{
    public const string SectionName = "Runner:Secrets";
    public const string LocalProvider = "local";
    public const string AzureKeyVaultProvider = "azureKeyVault";

    /// <summary><c>local</c> (key file or configured key) or <c>azureKeyVault</c>.</summary>
    public string KekProvider { get; set; } = LocalProvider;

    public LocalKekOptions Local { get; set; } = new();

    public AzureKeyVaultKekOptions AzureKeyVault { get; set; } = new();
}

public sealed class LocalKekOptions
{
    /// <summary>Base64 of 32 bytes. When unset, <see cref="KeyFile"/> is used (and created if missing).</summary>
    public string? Key { get; set; }

    public string KeyFile { get; set; } = ".data/kek.key";
}

public sealed class AzureKeyVaultKekOptions
{
    public Uri? VaultUri { get; set; }

    /// <summary>A Key Vault secret whose value is base64 of 32 bytes; each version is a KEK generation.</summary>
    public string? SecretName { get; set; }

    /// <summary>How long the current version is trusted before Key Vault is asked again (rotation pick-up).</summary>
    public TimeSpan CurrentVersionCacheDuration { get; set; } = TimeSpan.FromMinutes(5);
}
