using System.Data;
using System.Data.Common;
using HttmOrleans.DataChefs.Mapping;
using HttmOrleans.Grains.Datasets;
using Npgsql;
using NpgsqlTypes;

namespace HttmOrleans.DataChefs.Snapshots;

/// <summary>Text pairs go to <c>snapshot_text_pairs</c>; the document is the dedupe key.</summary>
internal sealed class TextPairSnapshotFormat : SnapshotRowFormat<TextPairRow>
{
    public static readonly TextPairSnapshotFormat Instance = new();

    public override string Table => DatasetTables.SnapshotTextPairs;

    public override string[] Columns { get; } = ["document", "summary"];

    public override string DedupeKey => "document";

    public override string RuleText =>
        "dedupe rule: keep all; {0} row(s) repeat the document of an earlier row of this snapshot and are stored in ordinal order (several reference summaries of one document are legitimate)";

    public override DbParameter[] AddParameters(DbCommand command) =>
        [Add(command, "document", DbType.String), Add(command, "summary", DbType.String)];

    public override void Bind(DbParameter[] parameters, in TextPairRow row)
    {
        parameters[0].Value = (object?)row.Document ?? DBNull.Value;
        parameters[1].Value = (object?)row.Summary ?? DBNull.Value;
    }

    public override void Write(NpgsqlBinaryImporter copy, in TextPairRow row)
    {
        copy.Write(row.Document, NpgsqlDbType.Text);
        copy.Write(row.Summary, NpgsqlDbType.Text);
    }
}
