using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Runner.Domain.Secrets;
using Runner.Tests.Infrastructure;

namespace Runner.Tests.Secrets;

/// <summary>The Key Vault KEK provider, through the real SDK, against a server speaking Key Vault's REST contract.</summary>
public sealed class AzureKeyVaultKekProviderTests
{
    private KeyVaultStandIn _vault = null!;
    private FakeTimeProvider _clock = null!;

    [SetUp]
    public async Task StartVault()
    {
        _vault = await KeyVaultStandIn.StartAsync();
        _clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
    }

    [TearDown]
    public ValueTask StopVault() => _vault.DisposeAsync();

    private AzureKeyVaultKeyEncryptionKeyProvider CreateProvider() =>
        new(_vault.CreateClient(), Options.Create(new SecretsOptions
        {
            KekProvider = SecretsOptions.AzureKeyVaultProvider,
            AzureKeyVault = { VaultUri = _vault.VaultUri, SecretName = "runner-kek", CurrentVersionCacheDuration = TimeSpan.FromMinutes(5) },
        }), _clock);

    [Test]
    public async Task The_current_version_is_read_through_the_bearer_challenge_and_cached()
    {
        var material = RandomNumberGenerator.GetBytes(32);
        var version = _vault.AddVersion("runner-kek", Convert.ToBase64String(material));
        var provider = CreateProvider();

        var first = await provider.GetCurrentAsync(CancellationToken.None);
        var second = await provider.GetCurrentAsync(CancellationToken.None);

        Assert.That(first.Id, Is.EqualTo($"azureKeyVault:runner-kek/{version}"));
        Assert.That(first.Material, Is.EqualTo(material));
        Assert.That(second, Is.SameAs(first));
        Assert.That(_vault.Requests, Is.EqualTo(new[] { "/secrets/runner-kek auth=none", "/secrets/runner-kek auth=bearer" }));
    }

    [Test]
    public async Task After_rotation_new_keys_use_the_new_version_and_old_versions_stay_readable()
    {
        var oldMaterial = RandomNumberGenerator.GetBytes(32);
        var oldVersion = _vault.AddVersion("runner-kek", Convert.ToBase64String(oldMaterial));
        var provider = CreateProvider();
        var before = await provider.GetCurrentAsync(CancellationToken.None);

        var newVersion = _vault.AddVersion("runner-kek", Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
        Assert.That((await provider.GetCurrentAsync(CancellationToken.None)).Id, Does.EndWith(oldVersion), "cached until the cache window ends");
        _clock.Advance(TimeSpan.FromMinutes(6));
        var after = await provider.GetCurrentAsync(CancellationToken.None);

        Assert.That(after.Id, Does.EndWith(newVersion));
        var old = await CreateProvider().GetAsync(before.Id, CancellationToken.None);
        Assert.That(old.Material, Is.EqualTo(oldMaterial));
    }

    [Test]
    public async Task A_key_id_of_another_secret_is_refused_by_name()
    {
        _vault.AddVersion("runner-kek", Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
        var error = Assert.ThrowsAsync<CryptographicException>(async () => await CreateProvider().GetAsync("local:abc", CancellationToken.None));
        Assert.That(error!.Message, Does.Contain("local:abc").And.Contain("runner-kek"));
    }

    [Test]
    public void A_value_that_is_not_32_bytes_is_refused_without_echoing_it()
    {
        _vault.AddVersion("runner-kek", "too-short-kek-material");
        var error = Assert.ThrowsAsync<CryptographicException>(async () => await CreateProvider().GetCurrentAsync(CancellationToken.None));
        Assert.That(error!.Message, Does.Contain("does not hold base64 of 32 bytes").And.Not.Contain("too-short-kek-material"));
    }
}
