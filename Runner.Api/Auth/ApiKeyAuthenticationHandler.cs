using System.Globalization;
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
/// (the one query that must see every tenant's keys). A client that presented too many wrong keys is
/// refused with 429 whatever key it presents, until its bucket refills.
/// </summary>
internal sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    RunnerDbContext db,
    IOptions<BootstrapOptions> bootstrap,
    FailedAuthenticationThrottle throttle,
    IProblemDetailsService problems)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization;
        // Service hook deliveries carry their installation's basic-auth credential, which the intake checks itself.
        if (string.IsNullOrEmpty(header) || Request.Path.StartsWithSegments(LiveEvents.HookEndpoints.Prefix))
        {
            return AuthenticateResult.NoResult();
        }
        if (throttle.RefusedFor(Context) is { } wait)
        {
            Context.Features.Set(new ThrottledFeature(wait));
            return AuthenticateResult.Fail("Too many failed authentications from this client.");
        }
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return Failed("Authorization must be 'Bearer <api key>'.");
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
            ? Failed("Unknown API key.")
            : Success(
                new Claim(RunnerClaims.TenantId, key.TenantId.ToString()),
                new Claim(RunnerClaims.ApiKeyId, key.Id.ToString()),
                new Claim(ClaimTypes.Role, key.Role == ApiKeyRole.Admin ? RunnerClaims.AdminRole : RunnerClaims.MemberRole));
    }

    private AuthenticateResult Failed(string reason)
    {
        throttle.RecordFailure(Context);
        return AuthenticateResult.Fail(reason);
    }

    private static AuthenticateResult Success(params Claim[] claims) =>
        AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName)), SchemeName));

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        if (Context.Features.Get<ThrottledFeature>() is { } throttled)
        {
            var seconds = Math.Max(1, (int)Math.Ceiling(throttled.Wait.TotalSeconds));
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            await problems.WriteAsync(new ProblemDetailsContext
            {
                HttpContext = Context,
                ProblemDetails = { Status = 429, Title = "Too Many Requests", Detail = $"Too many wrong API keys from this client; try again in {seconds} s." },
            });
            return;
        }
        Response.Headers.WWWAuthenticate = "Bearer";
        await base.HandleChallengeAsync(properties);
    }

    private sealed record ThrottledFeature(TimeSpan Wait);
}
