using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using HttmOrleans.Grains;
using HttmOrleans.Grains.Admin;
using HttmOrleans.Grains.Jobs;

namespace HttmOrleans.Api.Auth;

/// <summary>
/// Access tokens: base64url(JSON {sub, exp, stamp}) + "." + base64url(HMAC-SHA256). The key lives in the
/// admin grain, so every node accepts every node's tokens. The stamp is derived from the account's salt
/// and hash, so a token works only while the account it names exists with the password it was issued for.
/// </summary>
public sealed class TokenService(IGrainFactory grains, AccountDirectory accounts, TimeProvider time)
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
        // Hashed now, so the first login of an unknown name is not the one that pays for it.
        _ = PasswordHasher.Dummy;
        if (state.Accounts.Count == 0)
            logger.LogWarning("No admin account exists: set HTTM_ADMIN_USER and HTTM_ADMIN_PASSWORD and restart to be able to write.");
    }

    /// <summary>Checks a username and password; returns a token, or null.</summary>
    public async Task<string?> LoginAsync(string username, string password)
    {
        var state = await grains.GetGrain<IAdminGrain>(AdminGrain.Key).Get();
        var account = state.Accounts.Find(a => a.Username == username);
        // An unknown name costs one hash like a known one, so timing does not tell which names exist.
        var ok = PasswordHasher.Verify(account ?? PasswordHasher.Dummy, password) && account is not null;
        return ok ? Issue(account!) : null;
    }

    /// <summary>A signed token for <paramref name="account"/>.</summary>
    public string Issue(AdminAccount account)
    {
        var payload = JsonSerializer.SerializeToUtf8Bytes(new TokenPayload(account.Username, time.GetUtcNow().Add(Lifetime).ToUnixTimeSeconds(), Stamp(account)));
        var body = Base64Url(payload);
        return body + "." + Base64Url(HMACSHA256.HashData(Key, Encoding.ASCII.GetBytes(body)));
    }

    /// <summary>The user a valid, unexpired token names, if that account still exists with the same password; else null.</summary>
    public async Task<string?> ValidateAsync(string token)
    {
        if (Read(token) is not { } payload) return null;
        var (user, stamp) = payload;
        var account = await accounts.FindAsync(user, a => Matches(a, stamp));
        return account is not null && Matches(account, stamp) ? account.Username : null;
    }

    private (string User, string Stamp)? Read(string token)
    {
        var dot = token.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0) return null;
        var body = token[..dot];
        try
        {
            var signature = System.Buffers.Text.Base64Url.DecodeFromChars(token.AsSpan(dot + 1));
            if (!CryptographicOperations.FixedTimeEquals(signature, HMACSHA256.HashData(Key, Encoding.ASCII.GetBytes(body)))) return null;
            var payload = JsonSerializer.Deserialize<TokenPayload>(System.Buffers.Text.Base64Url.DecodeFromChars(body));
            return payload is { sub: { } user, stamp: { } stamp } && payload.exp > time.GetUtcNow().ToUnixTimeSeconds() ? (user, stamp) : null;
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            return null;
        }
    }

    private bool Matches(AdminAccount account, string stamp) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Stamp(account)), Encoding.ASCII.GetBytes(stamp));

    // Keyed, so the token (which anyone holding it can read) says nothing about the hash; a new password
    // always has a new random salt, so even the same password again gives a new stamp.
    private string Stamp(AdminAccount account) =>
        Base64Url(HMACSHA256.HashData(Key, Encoding.UTF8.GetBytes($"stamp\n{account.Username}\n{account.Salt}\n{account.Hash}\n{account.Iterations}"))[..16]);

    private byte[] Key => _key ?? throw new InvalidOperationException("The token service has not been bootstrapped.");

    private static string Base64Url(byte[] bytes) => System.Buffers.Text.Base64Url.EncodeToString(bytes);

#pragma warning disable IDE1006 // JWT-style claim names
    private sealed record TokenPayload(string sub, long exp, string? stamp);
#pragma warning restore IDE1006
}
