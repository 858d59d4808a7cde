using Orleans;
using Orleans.Concurrency;

namespace HttmOrleans.Grains.Admin;

/// <summary>Admin accounts and the token signing key (key: <c>default</c>). Password hashing happens outside the turn.</summary>
public interface IAdminGrain : IGrainWithStringKey
{
    /// <summary>Keeps the first signing key given; adds <paramref name="account"/> if there is no admin yet and returns whether it did.</summary>
    Task<bool> Bootstrap(AdminAccount? account, string signingKey);

    /// <summary>Adds or replaces an account.</summary>
    Task AddAccount(AdminAccount account);

    /// <summary>
    /// Removes an account; its tokens stop working. Throws <c>NotFoundException</c> for an unknown name and
    /// <c>ConflictException</c> for the last account, so the server always keeps someone who can write.
    /// </summary>
    Task RemoveAccount(string username);

    /// <summary>Accounts and key.</summary>
    [AlwaysInterleave]
    Task<AdminState> Get();
}
