using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Primitives;

namespace Runner.Tools.AdoSandbox.Http;

/// <summary>
/// PAT check as ADO does it: Basic auth whose password is the PAT (the user name is ignored). A failure answers
/// 401 with <c>WWW-Authenticate</c>, or — with <see cref="SandboxOptions.SignInPageOnBadPat"/> and no
/// <c>X-TFS-FedAuthRedirect: Suppress</c> header — the 203 HTML sign-in page that fools naive clients.
/// </summary>
internal sealed class PatAuthMiddleware(RequestDelegate next, SandboxOptions options)
{
    internal const string SignInPage =
        "<!DOCTYPE html><html><head><title>Azure DevOps Services | Sign In</title></head>" +
        "<body><form id=\"signin\" action=\"/_signin\" method=\"post\"><p>Sign in to your account</p></form></body></html>";

    public async Task InvokeAsync(HttpContext context)
    {
        if (HasValidPat(context.Request.Headers.Authorization))
        {
            await next(context);
            return;
        }
        var suppress = string.Equals(context.Request.Headers["X-TFS-FedAuthRedirect"], "Suppress", StringComparison.OrdinalIgnoreCase);
        if (options.SignInPageOnBadPat && !suppress)
        {
            context.Response.StatusCode = StatusCodes.Status203NonAuthoritative;
            context.Response.ContentType = "text/html; charset=utf-8";
            await context.Response.WriteAsync(SignInPage, context.RequestAborted);
            return;
        }
        context.Response.Headers.WWWAuthenticate = $"Basic realm=\"{context.Request.Scheme}://{context.Request.Host}/\"";
        await AdoErrors.Result(
                StatusCodes.Status401Unauthorized,
                "TF400813: The user '' is not authorized to access this resource.",
                "UnauthorizedRequestException")
            .ExecuteAsync(context);
    }

    private bool HasValidPat(StringValues header)
    {
        if (!AuthenticationHeaderValue.TryParse(header.ToString(), out var value)
            || !string.Equals(value.Scheme, "Basic", StringComparison.OrdinalIgnoreCase)
            || value.Parameter is null)
        {
            return false;
        }
        string decoded;
        try
        {
            decoded = Encoding.UTF8.GetString(Convert.FromBase64String(value.Parameter));
        }
        catch (FormatException)
        {
            return false;
        }
        var colon = decoded.IndexOf(':', StringComparison.Ordinal);
        return colon >= 0 && CryptographicOperations.FixedTimeEquals(
            Encoding.UTF8.GetBytes(decoded[(colon + 1)..]), Encoding.UTF8.GetBytes(options.Pat));
    }
}
