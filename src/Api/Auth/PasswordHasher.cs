using System.Security.Cryptography;
using HttmOrleans.Grains.Admin;

namespace HttmOrleans.Api.Auth;

/// <summary>PBKDF2-SHA256 with a random 16-byte salt: slow on purpose, compared in constant time.</summary>
internal static class PasswordHasher
{
    public const int Iterations = 210_000;

    private static readonly Lazy<AdminAccount> DummyAccount = new(() =>
        Create("-", Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)), DateTimeOffset.UnixEpoch));

    /// <summary>
    /// An account no password opens, hashed once: checking an unknown name against it costs one hash with the
    /// same iterations as a real account (hashing a fresh one per attempt cost two).
    /// </summary>
    public static AdminAccount Dummy => DummyAccount.Value;

    public static AdminAccount Create(string username, string password, DateTimeOffset now)
    {
        var salt = RandomNumberGenerator.GetBytes(16);
        var hash = Rfc2898DeriveBytes.Pbkdf2(password, salt, Iterations, HashAlgorithmName.SHA256, 32);
        return new AdminAccount(username, Convert.ToBase64String(salt), Convert.ToBase64String(hash), Iterations, now);
    }

    public static bool Verify(AdminAccount account, string password)
    {
        var expected = Convert.FromBase64String(account.Hash);
        var actual = Rfc2898DeriveBytes.Pbkdf2(password, Convert.FromBase64String(account.Salt), account.Iterations, HashAlgorithmName.SHA256, expected.Length);
        return CryptographicOperations.FixedTimeEquals(expected, actual);
    }
}
