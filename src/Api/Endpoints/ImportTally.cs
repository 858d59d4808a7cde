using HttmOrleans.Grains;
using HttmOrleans.Grains.Training;

namespace HttmOrleans.Api.Endpoints;

/// <summary>
/// What an import has seen so far: valid rows, skipped rows, and the first <see cref="MaxReported"/> reasons by
/// line. Only the first reasons are kept, so a file of a million bad rows costs no more than one of twenty.
/// </summary>
internal sealed class ImportTally
{
    /// <summary>How many bad rows an answer lists; the rest are only counted.</summary>
    public const int MaxReported = 20;

    private readonly List<FieldError> _errors = [];

    public long Accepted { get; private set; }

    public long Skipped { get; private set; }

    /// <summary>More bad rows were seen than are listed.</summary>
    public bool Truncated => Skipped > _errors.Count;

    public IReadOnlyList<FieldError> Errors => _errors;

    /// <summary>Every reason a refusal may list is in hand: reading on would only count.</summary>
    public bool Full => _errors.Count == MaxReported && Truncated;

    public void Accept() => Accepted++;

    public void Reject(long line, string reason)
    {
        Skipped++;
        if (_errors.Count < MaxReported) _errors.Add(new FieldError($"line {line}", reason));
    }

    /// <summary>The refusal of the whole file: every listed line, and a note when there were more.</summary>
    public ValidationException Refusal() =>
        new(Truncated ? [.. _errors, new FieldError("file", $"More bad rows follow; only the first {MaxReported} are listed.")] : [.. _errors]);
}
