namespace HttmOrleans.Grains.Admin;

/// <summary>The admin grain's state.</summary>
[GenerateSerializer(GenerateFieldIds = GenerateFieldIds.PublicProperties), Alias("httm.AdminState")]
public sealed class AdminState
{
    /// <summary>Accounts by name.</summary>
    public List<AdminAccount> Accounts { get; set; } = [];
    /// <summary>HMAC key for access tokens (base64), shared by every node through the database.</summary>
    public string? SigningKey { get; set; }
}
