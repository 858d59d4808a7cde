using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using HttmOrleans.Grains;
using HttmOrleans.Grains.Admin;
using HttmOrleans.Runtime;

namespace HttmOrleans.Api.Auth;

/// <summary>
/// Access tokens: base64url(JSON {sub, exp}) + "." + base64url(HMAC-SHA256). The key lives in the admin
/// grain, so every node of a cluster accepts every node's tokens.
/// </summary>
public sealed class TokenService(IGrainFactory grains, TimeProvider time)
{
    /// <summary>How long a token lives.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(12);

    private byte[]? _key;

    /// <summary>Makes the signing key and the first admin from HTTM_ADMIN_USER / HTTM_ADMIN_PASSWORD (never a built-in password).</summary>
    public async Task BootstrapAsync(string? user, string? password, ILogger logger)
    {
        AdminAccount? account = null;
        if (!string.IsNullOrWhiteSpace(user) && !string.IsNullOrEmpty(password))
            account = PasswordHasher.Create(user, password, time.GetUtcNow());
        var admin = grains.GetGrain<IAdminGrain>(AdminGrain.Key);
        if (await admin.Bootstrap(account, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))))
            logger.LogInformation("Created the first admin account '{User}'", user);
        var state = await admin.Get();
        _key = Convert.FromBase64String(state.SigningKey!);
        if (state.Accounts.Count == 0)
            logger.LogWarning("No admin account exists: set HTTM_ADMIN_USER and HTTM_ADMIN_PASSWORD and restart to be able to write.");
    }

    /// <summary>Checks a username and password; returns a token, or null.</summary>
    public async Task<string?> LoginAsync(string username, string password)
    {
        var state = await grains.GetGrain<IAdminGrain>(AdminGrain.Key).Get();
        var account = state.Accounts.Find(a => a.Username == username);
        // Hash even for unknown users, so timing does not reveal which names exist.
        var ok = account is not null
            ? PasswordHasher.Verify(account, password)
            : PasswordHasher.Verify(PasswordHasher.Create("-", "-", DateTimeOffset.UnixEpoch), password) && false;
        return ok ? Issue(username) : null;
    }

    /// <summary>A signed token for <paramref name="username"/>.</summary>
    public string Issue(string username)
    {
        var payload = JsonSerializer.SerializeToUtf8Bytes(new TokenPayload(username, time.GetUtcNow().Add(Lifetime).ToUnixTimeSeconds()));
        var body = Base64Url(payload);
        return body + "." + Base64Url(HMACSHA256.HashData(Key, Encoding.ASCII.GetBytes(body)));
    }

    /// <summary>The user a valid, unexpired token names, or null.</summary>
    public string? Validate(string token)
    {
        var dot = token.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0) return null;
        var body = token[..dot];
        byte[] signature;
        try
        {
            signature = System.Buffers.Text.Base64Url.DecodeFromChars(token.AsSpan(dot + 1));
        }
        catch (FormatException)
        {
            return null;
        }

        if (!CryptographicOperations.FixedTimeEquals(signature, HMACSHA256.HashData(Key, Encoding.ASCII.GetBytes(body)))) return null;
        var payload = JsonSerializer.Deserialize<TokenPayload>(System.Buffers.Text.Base64Url.DecodeFromChars(body));
        return payload is not null && payload.exp > time.GetUtcNow().ToUnixTimeSeconds() ? payload.sub : null;
    }

    private byte[] Key => _key ?? throw new InvalidOperationException("The token service has not been bootstrapped.");

    private static string Base64Url(byte[] bytes) => System.Buffers.Text.Base64Url.EncodeToString(bytes);

#pragma warning disable IDE1006 // JWT-style claim names
    private sealed record TokenPayload(string sub, long exp);
#pragma warning restore IDE1006
}
