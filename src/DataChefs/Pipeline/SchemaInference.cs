using System.Globalization;
using HttmOrleans.DataChefs.Mapping;

namespace HttmOrleans.DataChefs.Pipeline;

/// <summary>Infers column types from sample records for previews.</summary>
internal sealed class SchemaInference
{
    private readonly List<string> _names = [];
    private readonly Dictionary<string, (int Rank, int Empty)> _columns = [];

    // Ranks widen: a column is the widest kind any of its values needs.
    private static readonly string[] RankNames = ["empty", "boolean", "integer", "number", "timestamp", "text"];

    public void Observe(SourceRecord record)
    {
        for (var i = 0; i < record.Names.Length; i++)
        {
            var name = record.Names[i];
            if (!_columns.TryGetValue(name, out var seen))
            {
                _names.Add(name);
                seen = (0, 0);
            }

            var rank = RankOf(record.Values[i]);
            _columns[name] = rank == 0
                ? (seen.Rank, seen.Empty + 1)
                : (Widen(seen.Rank, rank), seen.Empty);
        }
    }

    public IReadOnlyList<DetectedColumn> Columns(ColumnMapping mapping)
    {
        return [.. _names.Select(name =>
        {
            var (rank, empty) = _columns[name];
            string? target = null;
            for (var t = 0; t < mapping.Kind.Columns.Count; t++)
            {
                if (string.Equals(mapping.SourceFor(t), name, StringComparison.OrdinalIgnoreCase))
                {
                    target = mapping.Kind.Columns[t].Name;
                }
            }

            return new DetectedColumn(name, RankNames[rank], empty, target);
        })];
    }

    private static int Widen(int a, int b) =>
        a == 0 ? b : b == 0 ? a : a == b ? a : (a is 2 or 3) && (b is 2 or 3) ? 3 : 5;

    private static int RankOf(object? value) => value switch
    {
        null or DBNull => 0,
        bool => 1,
        sbyte or byte or short or ushort or int or uint or long or ulong => 2,
        float or double or decimal => 3,
        DateTime or DateTimeOffset => 4,
        string s => RankOfText(s),
        _ => 5,
    };

    private static int RankOfText(string text)
    {
        var s = text.Trim();
        if (s.Length == 0)
        {
            return 0;
        }

        if (long.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out _))
        {
            return 2;
        }

        if (double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
        {
            return 3;
        }

        if (bool.TryParse(s, out _))
        {
            return 1;
        }

        return ValueCoercion.TryToTimestamp(s, out var ms) && ms is not null ? 4 : 5;
    }
}
