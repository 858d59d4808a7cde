using HttmOrleans.Api.Infrastructure;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace HttmOrleans.Api.Endpoints;

/// <summary>
/// The file a request carries (the first multipart file part, or the raw body), as a stream bounded by
/// <see cref="UploadOptions.MaxBytes"/>: a larger Content-Length is refused before a byte is read, a chunked
/// body as soon as it passes the bound. Nothing is buffered in memory; callers stream it to a file.
/// </summary>
internal static class UploadBody
{
    private const int CopyBuffer = 1 << 16;

    public static async Task<(string? FileName, Stream Body)> OpenAsync(HttpRequest request, long maxBytes, CancellationToken ct)
    {
        // Kestrel's default (30 MB, meant for JSON calls) must not refuse first: raise it to the bound, for this request only.
        // Above the bound by the drain allowance, so the body's last bytes can be dropped before the 413 goes out.
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
            limit.MaxRequestBodySize = maxBytes + BoundedReadStream.DrainBytes;
        if (request.ContentLength > maxBytes)
        {
            if (request.ContentLength <= maxBytes + BoundedReadStream.DrainBytes) await BoundedReadStream.DrainAsync(request.Body, ct);
            throw UploadException.TooLarge(maxBytes);
        }

        var body = new BoundedReadStream(request.Body, maxBytes);
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var type) || !type.MediaType.StartsWith("multipart/", StringComparison.OrdinalIgnoreCase))
            return (null, body);

        var boundary = HeaderUtilities.RemoveQuotes(type.Boundary).Value;
        if (string.IsNullOrEmpty(boundary)) throw UploadException.NoBoundary();
        // The bound above is the only length limit; the reader's own would refuse large files with its own message.
        var reader = new MultipartReader(boundary, body) { BodyLengthLimit = null };
        try
        {
            while (await reader.ReadNextSectionAsync(ct) is { } section)
            {
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition) || !disposition.IsFileDisposition()) continue;
                var name = HeaderUtilities.RemoveQuotes(disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName).Value;
                return (name, section.Body);
            }
        }
        catch (Exception e) when (IsMalformed(e, request))
        {
            throw UploadException.Malformed($"The multipart body is malformed: {e.Message}");
        }

        throw UploadException.Malformed("Send the file as a multipart file part (Content-Disposition: form-data; name=\"file\"; filename=\"…\").");
    }

    /// <summary>Streams <paramref name="body"/> into <paramref name="path"/>; on any failure the partial file is deleted.</summary>
    public static async Task<long> CopyToFileAsync(Stream body, string path, HttpRequest request, CancellationToken ct)
    {
        try
        {
            await using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, CopyBuffer, useAsync: true);
            try
            {
                await body.CopyToAsync(file, CopyBuffer, ct);
            }
            catch (Exception e) when (IsMalformed(e, request))
            {
                throw UploadException.Malformed($"The body is malformed or ended early: {e.Message}");
            }

            return file.Length;
        }
        catch
        {
            File.Delete(path);
            throw;
        }
    }

    // A multipart body that ends early or breaks its framing is the client's fault, unless the client went away;
    // Kestrel's own refusals (BadHttpRequestException) keep their status.
    private static bool IsMalformed(Exception e, HttpRequest request) =>
        e is InvalidDataException
        || (e is IOException and not BadHttpRequestException && !request.HttpContext.RequestAborted.IsCancellationRequested);
}
