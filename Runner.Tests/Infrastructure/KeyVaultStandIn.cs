using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Security.KeyVault.Secrets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Runner.Tests.Infrastructure;

/// <summary>
/// A local HTTPS server that speaks Key Vault's secrets REST contract (GET /secrets/{name}[/{version}],
/// the bearer challenge, error bodies), so the real SDK client is exercised end to end.
/// </summary>
public sealed class KeyVaultStandIn : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, List<(string Version, string Value)>> _secrets = new();
    private readonly X509Certificate2 _certificate = CreateCertificate();
    private WebApplication? _app;

    public Uri VaultUri { get; private set; } = null!;

    public ConcurrentQueue<string> Requests { get; } = new();

    public static async Task<KeyVaultStandIn> StartAsync()
    {
        var standIn = new KeyVaultStandIn();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, l => l.UseHttps(standIn._certificate)));
        var app = builder.Build();
        app.MapGet("/secrets/{name}/{version?}", standIn.GetSecret);
        await app.StartAsync();
        standIn._app = app;
        standIn.VaultUri = new Uri(app.Urls.First());
        return standIn;
    }

    /// <summary>Adds a new version (a rotation) and returns its id.</summary>
    public string AddVersion(string name, string value)
    {
        var version = Guid.NewGuid().ToString("N");
        var versions = _secrets.GetOrAdd(name, _ => []);
        lock (versions)
        {
            versions.Add((version, value));
        }
        return version;
    }

    /// <summary>A client configured as production's, but trusting this server's certificate and a fixed token.</summary>
    public SecretClient CreateClient()
    {
        var options = new SecretClientOptions { DisableChallengeResourceVerification = true, Retry = { MaxRetries = 0 } };
        var handler = new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, cert, _, _) => cert?.Thumbprint == _certificate.Thumbprint };
        options.Transport = new HttpClientTransport(handler);
        return new SecretClient(VaultUri, new StaticToken(), options);
    }

    private IResult GetSecret(HttpContext context, string name, string? version)
    {
        var authorization = context.Request.Headers.Authorization.ToString();
        Requests.Enqueue($"{context.Request.Path} auth={(authorization.Length > 0 ? "bearer" : "none")}");
        if (authorization != "Bearer stand-in-token")
        {
            context.Response.Headers.WWWAuthenticate =
                "Bearer authorization=\"https://login.microsoftonline.com/00000000-0000-0000-0000-000000000000\", resource=\"https://vault.azure.net\"";
            return Results.Json(new { error = new { code = "Unauthorized", message = "AKV10000: Request is missing a Bearer or PoP token." } }, statusCode: 401);
        }
        if (!_secrets.TryGetValue(name, out var versions))
        {
            return NotFound(name);
        }
        (string Version, string Value)? found;
        lock (versions)
        {
            found = version is null ? versions[^1] : versions.FirstOrDefault(v => v.Version == version) is { Version: not null } v ? v : null;
        }
        if (found is not { } secret)
        {
            return NotFound(name);
        }
        var created = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        return Results.Json(new
        {
            value = secret.Value,
            id = new Uri(VaultUri, $"secrets/{name}/{secret.Version}").ToString(),
            attributes = new { enabled = true, created, updated = created, recoveryLevel = "Recoverable+Purgeable" },
        });
    }

    private static IResult NotFound(string name) =>
        Results.Json(new { error = new { code = "SecretNotFound", message = $"A secret with (name/id) {name} was not found in this key vault." } }, statusCode: 404);

    private static X509Certificate2 CreateCertificate()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(san.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddHours(1));
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pfx), null);
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
        _certificate.Dispose();
    }

    private sealed class StaticToken : TokenCredential
    {
        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            new("stand-in-token", DateTimeOffset.UtcNow.AddHours(1));

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            ValueTask.FromResult(GetToken(requestContext, cancellationToken));
    }
}
