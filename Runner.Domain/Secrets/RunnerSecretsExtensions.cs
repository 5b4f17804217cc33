using Azure.Identity;
using Azure.Security.KeyVault.Secrets;
using Microsoft.Extensions.Options;
using Runner.Domain.Secrets;

namespace Microsoft.Extensions.DependencyInjection;

public static class RunnerSecretsExtensions
{
    /// <summary>Envelope encryption of Port secrets, with the KEK provider chosen by configuration.</summary>
    public static IServiceCollection AddRunnerSecrets(this IServiceCollection services)
    {
        services.AddOptionsWithValidateOnStart<SecretsOptions>().BindConfiguration(SecretsOptions.SectionName);
        services.AddSingleton<IValidateOptions<SecretsOptions>, SecretsOptionsValidator>();
        services.AddMemoryCache();
        services.AddSingleton<IKeyEncryptionKeyProvider>(sp =>
            sp.GetRequiredService<IOptions<SecretsOptions>>().Value.KekProvider == SecretsOptions.AzureKeyVaultProvider
                ? ActivatorUtilities.CreateInstance<AzureKeyVaultKeyEncryptionKeyProvider>(sp, CreateSecretClient(sp))
                : ActivatorUtilities.CreateInstance<LocalKeyEncryptionKeyProvider>(sp));
        services.AddScoped<TenantDataKeys>();
        services.AddScoped<SecretStore>();
        services.AddScoped<SecretReader>();
        return services;
    }

    private static SecretClient CreateSecretClient(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<SecretsOptions>>().Value.AzureKeyVault;
        return new SecretClient(options.VaultUri, new DefaultAzureCredential());
    }
}
