using HttmOrleans.DataChefs.Mapping;

namespace HttmOrleans.DataChefs.Pipeline;

/// <summary>Counts rows and keeps the first rejected samples while a pipeline runs.</summary>
internal sealed class ReportBuilder(int sampleSize)
{
    private const int MaxSampleFields = 20;
    private const int MaxSampleValueLength = 200;

    private readonly Dictionary<string, long> _byReason = new(StringComparer.Ordinal);
    private readonly List<RejectedRow> _samples = [];

    public long Read { get; private set; }

    public long Accepted { get; private set; }

    public long Rejected { get; private set; }

    public void CountAccepted()
    {
        Read++;
        Accepted++;
    }

    public void CountRejected(SourceRecord record, string reason, string? detail)
    {
        Read++;
        Rejected++;
        _byReason[reason] = _byReason.GetValueOrDefault(reason) + 1;
        if (_samples.Count < sampleSize)
        {
            var fields = new Dictionary<string, string?>();
            for (var i = 0; i < record.Names.Length && fields.Count < MaxSampleFields; i++)
            {
                fields.TryAdd(record.Names[i], Cut(ValueCoercion.ToText(record.Values[i], trim: false)));
            }

            _samples.Add(new RejectedRow(record.Position, reason, Cut(detail), fields));
        }
    }

    public ValidationReport Build(ISourceReader reader, SinkSummary? sink = null) => new()
    {
        RowsRead = Read,
        Accepted = Accepted,
        Rejected = Rejected,
        DuplicatesSkipped = reader.DuplicatesSkipped,
        DuplicateRows = sink?.DuplicateRows ?? 0,
        RejectedByReason = new Dictionary<string, long>(_byReason),
        RejectedSamples = [.. _samples],
        Notes = sink?.DuplicateRule is { } rule ? [.. reader.Notes, rule] : [.. reader.Notes],
    };

    private static string? Cut(string? value) =>
        value is { Length: > MaxSampleValueLength } ? value[..MaxSampleValueLength] + "…" : value;
}
