using Microsoft.Extensions.Options;

namespace HttmOrleans.Api.Infrastructure;

/// <summary>
/// Bounds on request bodies that carry files (section <c>Httm:Uploads</c>): data-chef uploads and dataset
/// imports. Kestrel's own 30 MB body limit is lifted to this bound on those routes only.
/// </summary>
public sealed class UploadOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Httm:Uploads";

    /// <summary>The largest request body, in bytes, of an upload or an import (<c>Httm:Uploads:MaxBytes</c>). Default 1 GiB.</summary>
    public long MaxBytes { get; set; } = 1L << 30;

    /// <summary>Refuses a bound that would refuse every upload or overflow Kestrel's limit.</summary>
    internal sealed class Validator : IValidateOptions<UploadOptions>
    {
        public ValidateOptionsResult Validate(string? name, UploadOptions options) =>
            options.MaxBytes is > 0 and < long.MaxValue
                ? ValidateOptionsResult.Success
                : ValidateOptionsResult.Fail($"{Section}:MaxBytes must be a positive number of bytes (got {options.MaxBytes}).");
    }
}
