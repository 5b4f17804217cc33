using System.Security.Claims;
using System.Security.Cryptography;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Runner.Domain.Persistence;
using Runner.Domain.Tenants;

namespace Runner.Api.Auth;

/// <summary>
/// <c>Authorization: Bearer &lt;key&gt;</c>: the operator key, or a tenant key looked up by its hash
/// (the one query that must see every tenant's keys).
/// </summary>
internal sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    RunnerDbContext db,
    IOptions<BootstrapOptions> bootstrap)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization;
        if (string.IsNullOrEmpty(header))
        {
            return AuthenticateResult.NoResult();
        }
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.Fail("Authorization must be 'Bearer <api key>'.");
        }
        var hash = ApiKeyMaterial.Hash(header["Bearer ".Length..].Trim());
        if (CryptographicOperations.FixedTimeEquals(hash, ApiKeyMaterial.Hash(bootstrap.Value.AdminApiKey)))
        {
            return Success(new Claim(ClaimTypes.Role, RunnerClaims.OperatorRole));
        }
        var key = await db.ApiKeys.IgnoreQueryFilters().AsNoTracking()
            .Where(k => k.KeyHash == hash)
            .Select(k => new { k.Id, k.TenantId, k.Role })
            .SingleOrDefaultAsync(Context.RequestAborted);
        return key is null
            ? AuthenticateResult.Fail("Unknown API key.")
            : Success(
                new Claim(RunnerClaims.TenantId, key.TenantId.ToString()),
                new Claim(RunnerClaims.ApiKeyId, key.Id.ToString()),
                new Claim(ClaimTypes.Role, key.Role == ApiKeyRole.Admin ? RunnerClaims.AdminRole : RunnerClaims.MemberRole));
    }

    private static AuthenticateResult Success(params Claim[] claims) =>
        AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName)), SchemeName));

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = "Bearer";
        return base.HandleChallengeAsync(properties);
    }
}
