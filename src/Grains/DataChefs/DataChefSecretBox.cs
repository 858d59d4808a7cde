using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace HttmOrleans.Grains;

/// <summary>
/// Seals a data chef's secret-bearing fields (a SQL connection string, a REST URL, bearer token and
/// header values, an AMQP URI) before the definition is stored, so the database, its backups and the
/// job payloads hold none of them in clear. AES-256-GCM with a key file outside the database
/// (<c>Httm:DataChefs:SecretKeyFile</c>, by default <c>{data}/datachef-secrets.key</c>, created 0600);
/// every node of a cluster needs the same file. The nonce is derived from the key and the value, so
/// the same definition seals to the same text and an idempotent retry still compares equal.
/// A sealed value reads <c>enc:v1:{key id}:{base64}</c>; values stored before sealing existed are read as they are.
/// </summary>
public static class DataChefSecretBox
{
    private const string Prefix = "enc:v1:";
    private const int NonceSize = 12;
    private const int TagSize = 16;

    // Several nodes share a process in tests, each with its own data folder: keys are found by id.
    private static readonly ConcurrentDictionary<string, byte[]> Keys = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, string> IdsByFile = new(StringComparer.Ordinal);

    /// <summary>The key file for these options.</summary>
    public static string KeyFile(GrainsOptions options) =>
        Path.GetFullPath(options.DataChefs.SecretKeyFile ?? "datachef-secrets.key", Path.GetFullPath(options.DataDirectory));

    /// <summary>Loads this node's key, creating the file (owner read/write only) on first use; returns its id.</summary>
    public static string LoadKey(GrainsOptions options)
    {
        var file = KeyFile(options);
        return IdsByFile.GetOrAdd(file, static path =>
        {
            var key = ReadOrCreate(path);
            var id = Convert.ToHexStringLower(SHA256.HashData(key)[..8]);
            Keys[id] = key;
            return id;
        });
    }

    /// <summary>A copy of a source (library JSON) with its secret-bearing fields sealed with this node's key.</summary>
    public static JsonObject Seal(JsonObject source, GrainsOptions options)
    {
        var id = LoadKey(options);
        var key = Keys[id];
        return Transform(source, value => value.StartsWith(Prefix, StringComparison.Ordinal) ? value : Encrypt(id, key, value));
    }

    /// <summary>A copy of a stored source with its sealed fields opened.</summary>
    /// <exception cref="CryptographicException">A value was sealed with a key this node lacks, or was altered.</exception>
    public static JsonObject Open(JsonObject source) =>
        Transform(source, value => value.StartsWith(Prefix, StringComparison.Ordinal) ? Decrypt(value) : value);

    private static JsonObject Transform(JsonObject source, Func<string, string> change)
    {
        var copy = (JsonObject)source.DeepClone();
        foreach (var field in new[] { "connection_string", "url", "uri", "bearer_token" })
        {
            if (copy[field] is JsonValue v && v.TryGetValue<string>(out var text) && text.Length > 0) copy[field] = change(text);
        }

        if (copy["headers"] is JsonObject headers)
        {
            foreach (var name in headers.Select(h => h.Key).ToList())
            {
                if (headers[name] is JsonValue v && v.TryGetValue<string>(out var text) && text.Length > 0) headers[name] = change(text);
            }
        }

        return copy;
    }

    private static string Encrypt(string id, byte[] key, string value)
    {
        var plain = Encoding.UTF8.GetBytes(value);
        var nonce = HMACSHA256.HashData(key, plain)[..NonceSize];
        var sealedBytes = new byte[NonceSize + plain.Length + TagSize];
        nonce.CopyTo(sealedBytes, 0);
        using var aes = new AesGcm(key, TagSize);
        aes.Encrypt(nonce, plain, sealedBytes.AsSpan(NonceSize, plain.Length), sealedBytes.AsSpan(NonceSize + plain.Length), Encoding.ASCII.GetBytes(id));
        return $"{Prefix}{id}:{Convert.ToBase64String(sealedBytes)}";
    }

    private static string Decrypt(string value)
    {
        var rest = value[Prefix.Length..];
        var colon = rest.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0) throw new CryptographicException("A sealed data-chef secret is malformed.");
        var id = rest[..colon];
        if (!Keys.TryGetValue(id, out var key))
            throw new CryptographicException($"A data-chef secret is sealed with key {id}, which this node does not have; give every node the same Httm:DataChefs:SecretKeyFile.");
        byte[] sealedBytes;
        try
        {
            sealedBytes = Convert.FromBase64String(rest[(colon + 1)..]);
        }
        catch (FormatException e)
        {
            throw new CryptographicException("A sealed data-chef secret is malformed.", e);
        }

        if (sealedBytes.Length < NonceSize + TagSize) throw new CryptographicException("A sealed data-chef secret is malformed.");
        var length = sealedBytes.Length - NonceSize - TagSize;
        var plain = new byte[length];
        using var aes = new AesGcm(key, TagSize);
        aes.Decrypt(sealedBytes.AsSpan(0, NonceSize), sealedBytes.AsSpan(NonceSize, length), sealedBytes.AsSpan(NonceSize + length), plain, Encoding.ASCII.GetBytes(id));
        return Encoding.UTF8.GetString(plain);
    }

    private static byte[] ReadOrCreate(string path)
    {
        if (!File.Exists(path))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var fresh = RandomNumberGenerator.GetBytes(32);
            try
            {
                var mode = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
                if (!OperatingSystem.IsWindows()) mode.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
                using var stream = new FileStream(path, mode);
                stream.Write(fresh);
                stream.Flush(flushToDisk: true);
                return fresh;
            }
            catch (IOException) when (File.Exists(path))
            {
                // Another node sharing the folder wrote it first: use theirs.
            }
        }

        var key = File.ReadAllBytes(path);
        return key.Length == 32 ? key : throw new InvalidOperationException($"The data-chef secret key file {path} must hold exactly 32 bytes.");
    }
}
