using HttmOrleans.DataChefs.Mapping;
using HttmOrleans.DataChefs.Pipeline;

namespace HttmOrleans.DataChefs.Tests.Support;

internal static class Pipelines
{
    public static SourcePipeline<InteractionRow> Interactions(IDataSource source, string? mapping = null, int batchSize = 5_000) =>
        new(source, ColumnMapping.Parse(mapping, DatasetKind.Interactions), new InteractionCoercer(), new PipelineOptions { BatchSize = batchSize });

    public static SourcePipeline<TextPairRow> TextPairs(IDataSource source, string? mapping = null) =>
        new(source, ColumnMapping.Parse(mapping, DatasetKind.TextPairs), new TextPairCoercer());

    public static async Task<List<SourceRecord>> ReadAllAsync(IDataSource source)
    {
        var records = new List<SourceRecord>();
        var reader = await source.OpenAsync(CancellationToken.None);
        await using (reader)
        {
            await foreach (var record in reader.ReadAsync(CancellationToken.None))
            {
                records.Add(record);
            }
        }

        return records;
    }
}
