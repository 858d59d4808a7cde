using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using HttmOrleans.Api.Infrastructure;
using HttmOrleans.Grains;
using HttmOrleans.Grains.DataChefs;
using HttmOrleans.Grains.Jobs;

namespace HttmOrleans.Api.Endpoints;

/// <summary>
/// CSV uploads for data chefs: the file is streamed to <c>{data}/uploads/{upload_id}</c> (never held in
/// memory) up to <see cref="UploadOptions.MaxBytes"/>, and a CSV source names it by <c>upload_id</c> or by its
/// path. A file is written as <c>.part</c> and renamed when complete, so a refused or broken upload leaves nothing.
/// </summary>
internal static partial class DataChefUploads
{
    private const string Partial = ".part";

    public static async Task<IResult> UploadAsync(HttpRequest request, GrainsOptions options, UploadOptions limits, CancellationToken ct)
    {
        var root = MaterializeJobHandler.UploadRoot(options);
        Directory.CreateDirectory(root);
        var (fileName, body) = await UploadBody.OpenAsync(request, limits.MaxBytes, ct);
        fileName ??= request.Query["file_name"].ToString();
        var id = "up-" + Guid.NewGuid().ToString("N")[..16] + "-" + SafeName(fileName);
        var path = Path.Combine(root, id);
        var partial = path + Partial;
        var bytes = await UploadBody.CopyToFileAsync(body, partial, request, ct);
        if (bytes == 0)
        {
            File.Delete(partial);
            throw new ValidationException("file", "The file is empty.");
        }

        File.Move(partial, path);
        return Results.Created($"/api/v1/datachefs/uploads/{id}", new
        {
            upload_id = id, path = Path.Combine("uploads", id), file_name = fileName, bytes,
            source = new { kind = "csv", upload_id = id },
        });
    }

    public static async Task<IResult> ListAsync(GrainsOptions options, ClusterAdmin admin, IGrainFactory grains)
    {
        var root = MaterializeJobHandler.UploadRoot(options);
        if (!Directory.Exists(root)) return Results.Ok(Array.Empty<object>());
        var chefs = await DataChefEndpoints.ListAsync(admin, grains);
        var uploads = new DirectoryInfo(root).EnumerateFiles()
            .Where(f => IsUploadId(f.Name))
            .OrderBy(f => f.LastWriteTimeUtc)
            .Select(f => Describe(f, chefs));
        return Results.Ok(uploads.ToList());
    }

    public static async Task<IResult> DeleteAsync(string id, GrainsOptions options, ClusterAdmin admin, IGrainFactory grains)
    {
        var file = new FileInfo(Path.Combine(MaterializeJobHandler.UploadRoot(options), IsUploadId(id) ? id : "-"));
        if (!IsUploadId(id) || !file.Exists) throw new NotFoundException("upload", id);
        var users = UsersOf(id, await DataChefEndpoints.ListAsync(admin, grains));
        if (users.Count > 0)
            throw new ConflictException($"Upload '{id}' is the source of data chef(s) {string.Join(", ", users)}; point them elsewhere or delete them first.");
        var described = Describe(file, []);
        file.Delete();
        return Results.Ok(described);
    }

    private static object Describe(FileInfo file, List<DataChefInfo> chefs) => new
    {
        upload_id = file.Name, file_name = NameOf(file.Name), bytes = file.Length,
        created_at = new DateTimeOffset(file.LastWriteTimeUtc), used_by = UsersOf(file.Name, chefs),
    };

    // A CSV source names an upload by upload_id, or by its path under the data folder (what the upload answer gives).
    private static List<string> UsersOf(string id, List<DataChefInfo> chefs)
    {
        var path = Path.Combine("uploads", id);
        return [.. chefs.Where(c => Text(c.Source, "upload_id") == id
                || Text(c.Source, "path") is { } p && Path.TrimEndingDirectorySeparator(p.Replace('\\', '/')).TrimStart('.', '/') == path
                || Text(c.Source, "file_path") is { } f && f.Replace('\\', '/').TrimStart('.', '/') == path)
            .Select(c => c.Id)];
    }

    private static string? Text(JsonObject source, string name) =>
        source[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    private static bool IsUploadId(string id) =>
        id.StartsWith("up-", StringComparison.Ordinal) && !id.EndsWith(Partial, StringComparison.Ordinal) && !UnsafeCharacters().IsMatch(id) && id.Trim('.').Length == id.Length;

    // up-{16 hex}-{name}: the name is what is left of the client's file name.
    private static string NameOf(string id) => id.Length > 20 ? id[20..] : id;

    // Upload ids hold only what the CSV source accepts: letters, digits, '-', '_' and '.'.
    private static string SafeName(string? fileName)
    {
        var name = UnsafeCharacters().Replace(Path.GetFileName(fileName ?? "") ?? "", "_").Trim('.', '_');
        return name.Length == 0 ? "data.csv" : name[..Math.Min(name.Length, 80)];
    }

    [GeneratedRegex("[^A-Za-z0-9._-]")]
    private static partial Regex UnsafeCharacters();
}
