using HttmOrleans.Api.Auth;
using HttmOrleans.Api.Infrastructure;
using HttmOrleans.Grains;
using HttmOrleans.Grains.Admin;
using HttmOrleans.Runtime;

namespace HttmOrleans.Api.Endpoints;

internal static class AuthEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost("/auth/login", async (LoginRequest? body, TokenService tokens) =>
        {
            var errors = new List<HttmOrleans.Grains.Training.FieldError>();
            if (string.IsNullOrWhiteSpace(body?.Username)) errors.Add(new("username", "Required."));
            if (string.IsNullOrEmpty(body?.Password)) errors.Add(new("password", "Required."));
            if (errors.Count > 0) throw new ValidationException(errors);
            var token = await tokens.LoginAsync(body!.Username!, body.Password!);
            return token is null
                ? Results.Problem(statusCode: 401, title: "Unauthorized", detail: "Unknown user or wrong password.")
                : Results.Ok(new { access_token = token, token_type = "bearer", expires_in = (int)TokenService.Lifetime.TotalSeconds });
        }).WithTags("auth").WithSummary("Log in as an admin; returns a bearer token for writes.");

        api.MapPost("/auth/accounts", async (LoginRequest? body, IGrainFactory grains, TimeProvider time) =>
        {
            var errors = new List<HttmOrleans.Grains.Training.FieldError>();
            if (string.IsNullOrWhiteSpace(body?.Username) || !VersionNames.IsValid(body.Username.Trim()))
                errors.Add(new("username", "Use 1–64 letters, digits, '.', '_' or '-'."));
            if (body?.Password is not { Length: >= 8 }) errors.Add(new("password", "At least 8 characters."));
            if (errors.Count > 0) throw new ValidationException(errors);
            // Hashed here, outside the admin grain's turn: PBKDF2 is slow on purpose.
            await grains.GetGrain<IAdminGrain>(AdminGrain.Key).AddAccount(PasswordHasher.Create(body!.Username!.Trim(), body.Password!, time.GetUtcNow()));
            return Results.Created("/api/v1/auth/accounts", new { username = body.Username.Trim() });
        }).WithTags("auth").WithSummary("Add or replace an admin account (admins only).");

        api.MapGet("/auth/accounts", async (IGrainFactory grains) =>
            (await grains.GetGrain<IAdminGrain>(AdminGrain.Key).Get()).Accounts.Select(a => new { username = a.Username, created_at = a.CreatedAt }))
            .WithTags("auth");
    }
}
