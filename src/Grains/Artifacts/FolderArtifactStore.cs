namespace HttmOrleans.Grains;

/// <summary>Artifacts as zip files in a folder (the embedded default, or a shared mount for a cluster).</summary>
public sealed class FolderArtifactStore(string root) : IArtifactStore
{
    public async Task<(string Id, long Size)> PutDirectoryAsync(string directory, CancellationToken ct)
    {
        var (id, zip, size) = await ArtifactPacking.PackAsync(directory, Path.Combine(root, ".incoming"), ct);
        var final = PathOf(id);
        if (File.Exists(final)) File.Delete(zip);
        else File.Move(zip, final, overwrite: true);
        return (id, size);
    }

    public Task ExtractAsync(string id, string target, CancellationToken ct)
    {
        var path = PathOf(id);
        if (!File.Exists(path)) throw new FileNotFoundException($"Artifact {id} is not in {root}.", path);
        using var stream = File.OpenRead(path);
        ArtifactPacking.Unpack(stream, target);
        return Task.CompletedTask;
    }

    public Task<bool> ExistsAsync(string id, CancellationToken ct) => Task.FromResult(File.Exists(PathOf(id)));

    public Task DeleteAsync(string id, CancellationToken ct)
    {
        File.Delete(PathOf(id));
        return Task.CompletedTask;
    }

    private string PathOf(string id)
    {
        if (!ArtifactPacking.IsValidId(id)) throw new ArgumentException($"'{id}' is not an artifact id.", nameof(id));
        Directory.CreateDirectory(root);
        return Path.Combine(root, id + ".zip");
    }
}
