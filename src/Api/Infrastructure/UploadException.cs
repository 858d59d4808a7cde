namespace HttmOrleans.Api.Infrastructure;

/// <summary>
/// A file-carrying body refused before anything was stored: 413 beyond <see cref="UploadOptions.MaxBytes"/>,
/// 400 for a malformed multipart body, 415 for a multipart type without a boundary. Names the field like a 422 does.
/// </summary>
internal sealed class UploadException(int status, string field, string reason, long? maxBytes = null) : Exception(reason)
{
    public int Status { get; } = status;

    public string Field { get; } = field;

    /// <summary>The limit that was exceeded (413 only).</summary>
    public long? MaxBytes { get; } = maxBytes;

    public static UploadException TooLarge(long maxBytes) =>
        new(StatusCodes.Status413PayloadTooLarge, "body",
            $"The body is larger than the upload limit of {maxBytes} bytes ({UploadOptions.Section}:MaxBytes); nothing was stored.", maxBytes);

    public static UploadException Malformed(string reason) => new(StatusCodes.Status400BadRequest, "file", reason);

    public static UploadException NoBoundary() =>
        new(StatusCodes.Status415UnsupportedMediaType, "Content-Type", "multipart/form-data needs a boundary parameter (multipart/form-data; boundary=…).");
}
