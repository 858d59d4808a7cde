namespace HttmOrleans.Grains;

/// <summary>Content-addressed artifact blobs: a folder of files is packed, hashed (SHA-256) and stored once.</summary>
public interface IArtifactStore
{
    /// <summary>Packs <paramref name="directory"/> and stores it; returns its id (<c>sha256-…</c>) and packed size.</summary>
    Task<(string Id, long Size)> PutDirectoryAsync(string directory, CancellationToken ct);

    /// <summary>Unpacks artifact <paramref name="id"/> into <paramref name="target"/> (created; must be empty or missing).</summary>
    Task ExtractAsync(string id, string target, CancellationToken ct);

    /// <summary>True when the artifact exists.</summary>
    Task<bool> ExistsAsync(string id, CancellationToken ct);

    /// <summary>Removes the artifact (no error when it is already gone).</summary>
    Task DeleteAsync(string id, CancellationToken ct);
}
