using HttmOrleans.Grains.Admin;

namespace HttmOrleans.Grains;

/// <summary>Admin accounts and the token key; hashes are computed by the caller so no turn waits on PBKDF2.</summary>
public sealed class AdminGrain(
    [PersistentState(GrainTypes.Admin, GrainStore.Name)] IPersistentState<AdminState> state, ClusterAdmin journal)
    : HttmGrain<AdminState>(state, journal, GrainTypes.Admin), IAdminGrain
{
    /// <summary>The one key.</summary>
    public new const string Key = "default";

    public async Task<bool> Bootstrap(AdminAccount? account, string signingKey)
    {
        var added = false;
        State.SigningKey ??= signingKey;
        if (account is not null && State.Accounts.Count == 0)
        {
            State.Accounts.Add(account);
            RaiseEvent("account-added", new { account.Username });
            added = true;
        }

        await WriteStateAsync();
        return added;
    }

    public async Task AddAccount(AdminAccount account)
    {
        State.Accounts.RemoveAll(a => a.Username == account.Username);
        State.Accounts.Add(account);
        RaiseEvent("account-added", new { account.Username });
        await WriteStateAsync();
    }

    public async Task RemoveAccount(string username)
    {
        var account = State.Accounts.Find(a => a.Username == username) ?? throw new NotFoundException("admin account", username);
        if (State.Accounts.Count == 1)
            throw new ConflictException($"'{username}' is the last admin account: add another before removing it.");
        State.Accounts.Remove(account);
        RaiseEvent("account-removed", new { account.Username });
        await WriteStateAsync();
    }

    public Task<AdminState> Get() => Task.FromResult(State);
}
