namespace HttmOrleans.Grains.Admin;

/// <summary>An admin: PBKDF2-SHA256 hash with its salt and iteration count.</summary>
public sealed record AdminAccount(string Username, string Salt, string Hash, int Iterations, DateTimeOffset CreatedAt);
