using HttmOrleans.Api.Auth;
using HttmOrleans.Api.Infrastructure;
using HttmOrleans.Grains;
using HttmOrleans.Grains.Admin;
using HttmOrleans.Grains.Jobs;

namespace HttmOrleans.Api.Endpoints;

internal static class AuthEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost("/auth/login", async (LoginRequest? body, HttpContext http, TokenService tokens, LoginThrottle throttle) =>
        {
            var errors = new List<HttmOrleans.Grains.Training.FieldError>();
            if (string.IsNullOrWhiteSpace(body?.Username)) errors.Add(new("username", "Required."));
            if (string.IsNullOrEmpty(body?.Password)) errors.Add(new("password", "Required."));
            if (errors.Count > 0) throw new ValidationException(errors);
            var client = http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
            if (throttle.TryBegin(client, body!.Username!) is { } wait) return TooManyFailures(http, wait.Wait, wait.Account);
            var token = await tokens.LoginAsync(body.Username!, body.Password!);
            if (token is null)
                return Results.Problem(statusCode: 401, title: "Unauthorized", detail: "Unknown user or wrong password.");
            throttle.Succeeded(client, body.Username!);
            return Results.Ok(new { access_token = token, token_type = "bearer", expires_in = (int)TokenService.Lifetime.TotalSeconds });
        }).WithTags("auth").WithSummary("Log in as an admin; returns a bearer token for writes. Repeated failures are slowed down (429).")
            .AllowAnonymous();

        api.MapPost("/auth/accounts", async (LoginRequest? body, IGrainFactory grains, AccountDirectory accounts, TimeProvider time) =>
        {
            var errors = new List<HttmOrleans.Grains.Training.FieldError>();
            if (string.IsNullOrWhiteSpace(body?.Username) || !VersionNames.IsValid(body.Username.Trim()))
                errors.Add(new("username", "Use 1–64 letters, digits, '.', '_' or '-'."));
            if (body?.Password is not { Length: >= 8 }) errors.Add(new("password", "At least 8 characters."));
            if (errors.Count > 0) throw new ValidationException(errors);
            // Hashed here, outside the admin grain's turn: PBKDF2 is slow on purpose.
            await grains.GetGrain<IAdminGrain>(AdminGrain.Key).AddAccount(PasswordHasher.Create(body!.Username!.Trim(), body.Password!, time.GetUtcNow()));
            // A replaced password ends the old one's tokens: on this node now, on others within AccountDirectory.MaxAge.
            accounts.Invalidate();
            return Results.Created("/api/v1/auth/accounts", new { username = body.Username.Trim() });
        }).WithTags("auth").WithSummary("Add or replace an admin account (admins only); replacing ends the account's tokens.");

        api.MapDelete("/auth/accounts/{username}", async (string username, IGrainFactory grains, AccountDirectory accounts) =>
        {
            await grains.GetGrain<IAdminGrain>(AdminGrain.Key).RemoveAccount(username);
            accounts.Invalidate();
            return Results.Ok(new { username, message = $"Admin account '{username}' removed; its tokens no longer work." });
        }).WithTags("auth").WithSummary("Remove an admin account (admins only); 409 for the last one.");

        // Names of admins help a guesser: listing them needs a token even where reads are open.
        api.MapGet("/auth/accounts", async (IGrainFactory grains) =>
            (await grains.GetGrain<IAdminGrain>(AdminGrain.Key).Get()).Accounts.Select(a => new { username = a.Username, created_at = a.CreatedAt }))
            .WithTags("auth").WithSummary("List admin accounts (admins only): names and creation times.")
            .RequireAuthorization(AuthPolicies.Admin);
    }

    private static IResult TooManyFailures(HttpContext http, TimeSpan wait, bool account)
    {
        var seconds = (int)Math.Max(1, Math.Ceiling(wait.TotalSeconds));
        http.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Results.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many failed logins",
            detail: $"Too many failed logins {(account ? "for this user name" : "from this address")}: try again in {seconds} s.");
    }
}
