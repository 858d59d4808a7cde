using System.Data.Common;
using System.Globalization;
using System.Runtime.CompilerServices;
using HttmOrleans.DataChefs.Pipeline;

namespace HttmOrleans.DataChefs.Sql;

/// <summary>Turns a data reader's first result set into records, stopping at the row limit.</summary>
internal static class DbRecordStream
{
    /// <summary>Yields rows; when the limit cuts the result short, notes it and calls <paramref name="stopEarly"/>.</summary>
    public static async IAsyncEnumerable<SourceRecord> ReadAsync(
        DbDataReader reader,
        long rowLimit,
        List<string> notes,
        Action stopEarly,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var names = new string[reader.FieldCount];
        for (var i = 0; i < names.Length; i++)
        {
            names[i] = reader.GetName(i);
        }

        long row = 0;
        while (await reader.ReadAsync(cancellationToken))
        {
            if (row == rowLimit)
            {
                notes.Add($"row limit {rowLimit.ToString(CultureInfo.InvariantCulture)} reached: the query returned more rows, which were not read");
                stopEarly();
                yield break;
            }

            row++;
            var values = new object?[names.Length];
            for (var i = 0; i < values.Length; i++)
            {
                var value = reader.GetValue(i);
                values[i] = value is DBNull ? null : value;
            }

            yield return new SourceRecord(names, values, "row " + row.ToString(CultureInfo.InvariantCulture));
        }
    }
}
