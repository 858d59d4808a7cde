using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace HttmOrleans.Api.Auth;

/// <summary>
/// Reads <c>Authorization: Bearer &lt;token&gt;</c> (see <see cref="TokenService"/>); a valid token makes the
/// request the admin it names. Refusals are problem-details bodies that say what to do.
/// </summary>
internal sealed class BearerTokenHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, TokenService tokens)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Bearer";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (header.Length == 0) return AuthenticateResult.NoResult();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return AuthenticateResult.Fail("Not a bearer token.");
        var user = await tokens.ValidateAsync(header[7..].Trim());
        if (user is null) return AuthenticateResult.Fail("The bearer token is invalid or expired.");
        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, user), new Claim(ClaimTypes.Role, AuthPolicies.AdminRole)], SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = "Bearer";
        var detail = Request.Headers.Authorization.ToString().Length > 0
            ? "The bearer token is invalid or expired; log in again."
            : EndpointAccess.IsRead(Context)
                ? "Reading this needs an admin token: send it as 'Authorization: Bearer <token>' (POST /api/v1/auth/login)."
                : "This request changes data: send an admin token as 'Authorization: Bearer <token>' (POST /api/v1/auth/login).";
        return Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized", detail: detail).ExecuteAsync(Context);
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden", detail: "This account may not do this.").ExecuteAsync(Context);
}
