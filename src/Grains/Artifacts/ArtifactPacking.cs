using System.IO.Compression;
using System.Security.Cryptography;

namespace HttmOrleans.Grains;

/// <summary>Packs a folder into a zip (fastest compression, stable entry order) and names it by its SHA-256.</summary>
internal static class ArtifactPacking
{
    public static async Task<(string Id, string ZipPath, long Size)> PackAsync(string directory, string scratch, CancellationToken ct)
    {
        Directory.CreateDirectory(scratch);
        var zipPath = Path.Combine(scratch, Guid.NewGuid().ToString("N") + ".zip");
        await using (var file = File.Create(zipPath))
        using (var zip = new ZipArchive(file, ZipArchiveMode.Create))
        {
            var root = Path.GetFullPath(directory);
            foreach (var path in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                ct.ThrowIfCancellationRequested();
                var name = Path.GetRelativePath(root, path).Replace('\\', '/');
                var entry = zip.CreateEntry(name, CompressionLevel.Fastest);
                entry.LastWriteTime = new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero); // same bytes → same id
                await using var input = File.OpenRead(path);
                await using var output = entry.Open();
                await input.CopyToAsync(output, ct);
            }
        }

        string hash;
        await using (var read = File.OpenRead(zipPath))
            hash = Convert.ToHexStringLower(await SHA256.HashDataAsync(read, ct));
        return ("sha256-" + hash, zipPath, new FileInfo(zipPath).Length);
    }

    public static void Unpack(Stream zip, string target)
    {
        var parent = Path.GetDirectoryName(Path.GetFullPath(target))!;
        Directory.CreateDirectory(parent);
        var temp = Path.Combine(parent, ".tmp-" + Guid.NewGuid().ToString("N"));
        using (var archive = new ZipArchive(zip, ZipArchiveMode.Read)) archive.ExtractToDirectory(temp);
        try
        {
            Directory.Move(temp, target);
        }
        catch (IOException) when (Directory.Exists(target))
        {
            // Another request unpacked the same artifact first: same content, keep theirs.
            Directory.Delete(temp, recursive: true);
        }
    }

    public static bool IsValidId(string id) =>
        id.StartsWith("sha256-", StringComparison.Ordinal) && id.Length == 71 && id[7..].All(char.IsAsciiHexDigitLower);
}
