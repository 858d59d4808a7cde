namespace HttmOrleans.Grains.Admin;

/// <summary>An admin: PBKDF2-SHA256 hash with its salt and iteration count.</summary>
[GenerateSerializer(GenerateFieldIds = GenerateFieldIds.PublicProperties), Alias("httm.AdminAccount")]
public sealed record AdminAccount(string Username, string Salt, string Hash, int Iterations, DateTimeOffset CreatedAt);
