using System.Text.RegularExpressions;
using HttmOrleans.Grains;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace HttmOrleans.Api.Endpoints;

/// <summary>
/// CSV uploads for data chefs: the file is streamed to <c>{data}/uploads/{upload_id}</c> (never held in
/// memory, so files of many GB are fine) and a CSV source names it by <c>upload_id</c> or by its path.
/// </summary>
internal static partial class DataChefUploads
{
    public static async Task<IResult> UploadAsync(HttpRequest request, GrainsOptions options, CancellationToken ct)
    {
        // Kestrel's default 30 MB body limit is for JSON calls; an upload is bounded by the disk instead.
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit) limit.MaxRequestBodySize = null;
        var root = MaterializeJobHandler.UploadRoot(options);
        Directory.CreateDirectory(root);
        string? fileName = null;
        Stream? body = null;
        if (MediaTypeHeaderValue.TryParse(request.ContentType, out var type) && type.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            var boundary = HeaderUtilities.RemoveQuotes(type.Boundary).Value;
            if (string.IsNullOrEmpty(boundary)) throw new ValidationException("file", "The multipart body names no boundary.");
            var reader = new MultipartReader(boundary, request.Body);
            while (await reader.ReadNextSectionAsync(ct) is { } section)
            {
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition) || !disposition.IsFileDisposition()) continue;
                fileName = HeaderUtilities.RemoveQuotes(disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName).Value;
                body = section.Body;
                break;
            }

            if (body is null) throw new ValidationException("file", "Send the CSV as a multipart file part.");
        }
        else
        {
            fileName = request.Query["file_name"].ToString();
            body = request.Body;
        }

        var id = "up-" + Guid.NewGuid().ToString("N")[..16] + "-" + SafeName(fileName);
        var path = Path.Combine(root, id);
        var partial = path + ".part";
        long bytes;
        try
        {
            await using (var file = new FileStream(partial, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
            {
                await body.CopyToAsync(file, 1 << 16, ct);
                bytes = file.Length;
            }

            if (bytes == 0) throw new ValidationException("file", "The file is empty.");
            File.Move(partial, path);
        }
        finally
        {
            if (File.Exists(partial)) File.Delete(partial);
        }

        var relative = Path.Combine("uploads", id);
        return Results.Created((string?)null, new
        {
            upload_id = id, path = relative, file_name = fileName, bytes,
            source = new { kind = "csv", upload_id = id },
        });
    }

    // Upload ids hold only what the CSV source accepts: letters, digits, '-', '_' and '.'.
    private static string SafeName(string? fileName)
    {
        var name = UnsafeCharacters().Replace(Path.GetFileName(fileName ?? "") ?? "", "_").Trim('.', '_');
        return name.Length == 0 ? "data.csv" : name[..Math.Min(name.Length, 80)];
    }

    [GeneratedRegex("[^A-Za-z0-9._-]")]
    private static partial Regex UnsafeCharacters();
}
