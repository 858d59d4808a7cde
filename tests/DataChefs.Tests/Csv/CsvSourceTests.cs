using HttmOrleans.DataChefs.Csv;
using HttmOrleans.DataChefs.Definitions;
using HttmOrleans.DataChefs.Mapping;
using HttmOrleans.DataChefs.Pipeline;
using HttmOrleans.DataChefs.Tests.Support;

namespace HttmOrleans.DataChefs.Tests.Csv;

public sealed class CsvSourceTests : IDisposable
{
    private readonly TempDirectory _root = new();

    private SourceEnvironment Environment => new() { DataRoot = _root.Path, UploadRoot = System.IO.Path.Combine(_root.Path, "uploads") };

    public void Dispose() => _root.Dispose();

    private CsvDataSource Source(string name, string content, bool bom = false, CsvSourceDefinition? definition = null)
    {
        _root.Write(name, content, bom);
        return new CsvDataSource((definition ?? new CsvSourceDefinition()) with { Path = name }, Environment);
    }

    [Fact]
    public async Task Bad_rows_are_counted_per_reason_with_samples_and_good_rows_are_stored()
    {
        var source = Source("ratings.csv", """
            user_id,item_id,rating,timestamp
            u1,i1,4.5,1700000000
            ,i2,3,1700000000
            u3,i3,abc,1700000000
            u4,i4,2,yesterday
            u5,i5,1
            u6,i6,5,1700000000,extra
            u7,i"7,5,1700000000
            u8, i8 ,,
            """);
        var sink = new InMemoryRowSink<InteractionRow>();

        var report = await Pipelines.Interactions(source).MaterializeAsync(sink, CancellationToken.None);

        Assert.Equal(8, report.RowsRead);
        Assert.Equal(2, report.Accepted);
        Assert.Equal(6, report.Rejected);
        Assert.Equal(1, report.RejectedByReason["missing user_id"]);
        Assert.Equal(1, report.RejectedByReason[RejectionReasons.RatingNotANumber]);
        Assert.Equal(1, report.RejectedByReason[RejectionReasons.TimestampUnparseable]);
        Assert.Equal(2, report.RejectedByReason[RejectionReasons.FieldCountMismatch]);
        Assert.Equal(1, report.RejectedByReason[RejectionReasons.MalformedQuotes]);
        var abc = Assert.Single(report.RejectedSamples, s => s.Reason == RejectionReasons.RatingNotANumber);
        Assert.Equal("line 4", abc.Position);
        Assert.Equal("abc", abc.Detail);
        Assert.Equal("u3", abc.Fields["user_id"]);
        Assert.Equal(
            [new InteractionRow("u1", "i1", 4.5f, 1_700_000_000_000), new InteractionRow("u8", "i8", 1.0f, null)],
            sink.Rows);
    }

    [Fact]
    public async Task Quoted_fields_keep_newlines_delimiters_and_doubled_quotes()
    {
        var source = Source("pairs.csv",
            "document,summary\n\"First line\nsecond line, with comma\",\"He said \"\"hi\"\"\"\nplain doc,plain summary\n");
        var sink = new InMemoryRowSink<TextPairRow>();

        var report = await Pipelines.TextPairs(source).MaterializeAsync(sink, CancellationToken.None);

        Assert.Equal(2, report.Accepted);
        Assert.Equal(new TextPairRow("First line\nsecond line, with comma", "He said \"hi\""), sink.Rows[0]);
        Assert.Equal(new TextPairRow("plain doc", "plain summary"), sink.Rows[1]);
        var records = await Pipelines.ReadAllAsync(source);
        Assert.Equal(["line 2", "line 4"], records.Select(r => r.Position));
    }

    [Fact]
    public async Task A_utf8_bom_is_not_part_of_the_first_column_name()
    {
        var source = Source("bom.csv", "user_id,item_id\r\nü1,ß1\r\n", bom: true);

        var preview = await Pipelines.Interactions(source).PreviewAsync(10, CancellationToken.None);

        Assert.Equal("user_id", preview.Columns[0].Name);
        Assert.Equal([new InteractionRow("ü1", "ß1", 1.0f, null)], preview.Rows);
        Assert.Contains("encoding: utf-8 with BOM", preview.Report.Notes);
    }

    [Fact]
    public async Task Mixed_line_endings_each_end_one_record_and_blank_lines_are_skipped()
    {
        var source = Source("mixed.csv", "user_id,item_id\r\nu1,i1\nu2,i2\ru3,i3\r\n\r\n\nu4,i4");

        var records = await Pipelines.ReadAllAsync(source);

        Assert.Equal(["u1", "u2", "u3", "u4"], records.Select(r => (string)r.Values[0]!));
        Assert.Equal(["line 2", "line 3", "line 4", "line 7"], records.Select(r => r.Position));
    }

    [Theory]
    [InlineData(";", "user_id;item_id;rating\nu1;\"i,1\";2\nu2;i2;3\n")]
    [InlineData("\\t", "user_id\titem_id\trating\nu1\ti,1\t2\nu2\ti2\t3\n")]
    [InlineData("|", "user_id|item_id|rating\nu1|i,1|2\nu2|i2|3\n")]
    [InlineData(",", "user_id,item_id,rating\nu1,\"i,1\",2\nu2,i2,3\n")]
    public async Task The_delimiter_is_detected(string expected, string content)
    {
        var source = Source("sniff.txt", content);

        var preview = await Pipelines.Interactions(source).PreviewAsync(10, CancellationToken.None);

        Assert.Contains($"delimiter: '{expected}' (detected)", preview.Report.Notes);
        Assert.Equal([new InteractionRow("u1", "i,1", 2f, null), new InteractionRow("u2", "i2", 3f, null)], preview.Rows);
    }

    [Fact]
    public async Task A_headerless_file_is_detected_and_columns_are_numbered()
    {
        var source = Source("noheader.csv", "u1,i1,5\nu2,i2,4\n");

        var preview = await Pipelines.Interactions(source, "column1->user_id,column2->item_id,column3->rating")
            .PreviewAsync(10, CancellationToken.None);

        Assert.Contains("header: no (detected)", preview.Report.Notes);
        Assert.Equal([new InteractionRow("u1", "i1", 5f, null), new InteractionRow("u2", "i2", 4f, null)], preview.Rows);
    }

    [Fact]
    public async Task A_given_dialect_overrides_detection()
    {
        var definition = new CsvSourceDefinition { Delimiter = ";", HasHeader = false, Quote = "'", Encoding = "latin1" };
        _root.WriteBytes("latin.csv", System.Text.Encoding.Latin1.GetBytes("'caf\u00e9;1';item;3\n"));
        var source = new CsvDataSource(definition with { Path = "latin.csv" }, Environment);

        var records = await Pipelines.ReadAllAsync(source);

        var record = Assert.Single(records);
        Assert.Equal(["caf\u00e9;1", "item", "3"], record.Values);
        Assert.Equal(["column1", "column2", "column3"], record.Names);
    }

    [Fact]
    public async Task A_preview_returns_the_first_rows_and_the_inferred_schema()
    {
        var source = Source("typed.csv", """
            userId,productId,score,when,note
            1,i1,4.5,2024-01-02T03:04:05Z,ok
            2,i2,3,2024-01-03,
            3,i3,2,2024-01-04,fine
            4,i4,1,2024-01-05,fine
            """);

        var preview = await Pipelines.Interactions(source, "userId->user_id,productId:item_id,score->rating,when->timestamp")
            .PreviewAsync(2, CancellationToken.None);

        Assert.Equal(2, preview.Rows.Count);
        Assert.Equal(new InteractionRow("1", "i1", 4.5f, 1_704_164_645_000), preview.Rows[0]);
        Assert.Equal(
            [("userId", "integer", "user_id"), ("productId", "text", "item_id"), ("score", "number", "rating"), ("when", "timestamp", "timestamp"), ("note", "text", null)],
            preview.Columns.Select(c => (c.Name, c.Type, c.MappedTo)));
        Assert.Equal(1, preview.Columns[4].EmptyCount);
    }

    [Fact]
    public async Task A_large_file_streams_through_in_batches()
    {
        const int rows = 200_000;
        var path = System.IO.Path.Combine(_root.Path, "big.csv");
        await using (var writer = new StreamWriter(path))
        {
            await writer.WriteLineAsync("user_id,item_id,rating");
            var random = new Random(7);
            for (var i = 0; i < rows; i++)
            {
                await writer.WriteLineAsync($"u{random.Next(1000)},i{random.Next(5000)},{random.Next(1, 6)}");
            }
        }

        var sink = new CountingSink();
        var source = new CsvDataSource(new CsvSourceDefinition { Path = "big.csv" }, Environment);

        var report = await Pipelines.Interactions(source, batchSize: 10_000).MaterializeAsync(sink, CancellationToken.None);

        Assert.Equal(rows, report.Accepted);
        Assert.Equal(rows, sink.Rows);
        Assert.Equal(20, sink.Batches);
        Assert.True(sink.LargestBatch <= 10_000);
    }

    [Fact]
    public void Paths_outside_the_data_root_are_refused()
    {
        var outside = new TempDirectory();
        try
        {
            File.WriteAllText(System.IO.Path.Combine(outside.Path, "secret.csv"), "a,b\n1,2\n");
            File.CreateSymbolicLink(System.IO.Path.Combine(_root.Path, "link.csv"), System.IO.Path.Combine(outside.Path, "secret.csv"));
            Directory.CreateSymbolicLink(System.IO.Path.Combine(_root.Path, "linkdir"), outside.Path);

            foreach (var path in new[] { "../" + System.IO.Path.GetFileName(outside.Path) + "/secret.csv", System.IO.Path.Combine(outside.Path, "secret.csv"), "link.csv", "linkdir/secret.csv", "/etc/passwd" })
            {
                var errors = new CsvSourceDefinition { Path = path }.Validate(Environment);
                var error = Assert.Single(errors);
                Assert.Equal(("path", "The path is outside the data root."), (error.Field, error.Reason));
                Assert.Throws<SourceValidationException>(() => new CsvDataSource(new CsvSourceDefinition { Path = path }, Environment));
            }
        }
        finally
        {
            outside.Dispose();
        }
    }

    [Fact]
    public void A_server_path_needs_a_configured_data_root()
    {
        var errors = new CsvSourceDefinition { Path = "x.csv" }.Validate(new SourceEnvironment());

        Assert.Contains(errors, e => e.Field == "path" && e.Reason.Contains("no data root", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Uploaded_files_are_read_by_id_and_unsafe_ids_are_refused()
    {
        _root.Write("uploads/abc-123.csv", "user_id,item_id\nu,i\n");

        var records = await Pipelines.ReadAllAsync(new CsvDataSource(new CsvSourceDefinition { UploadId = "abc-123.csv" }, Environment));

        Assert.Single(records);
        Assert.Equal("upload_id", Assert.Single(new CsvSourceDefinition { UploadId = "../ratings.csv" }.Validate(Environment)).Field);
        Assert.Equal("upload_id", Assert.Single(new CsvSourceDefinition { UploadId = "missing.csv" }.Validate(Environment)).Field);
        Assert.Equal("path", Assert.Single(new CsvSourceDefinition { UploadId = "a", Path = "b" }.Validate(Environment)).Field);
    }

    [Fact]
    public async Task An_unterminated_quote_rejects_the_last_record_instead_of_dropping_it()
    {
        var source = Source("open.csv", "document,summary\ngood,one\n\"never closed,two\nthree,four\n");

        var report = await Pipelines.TextPairs(source).MaterializeAsync(new InMemoryRowSink<TextPairRow>(), CancellationToken.None);

        Assert.Equal((2, 1, 1), (report.RowsRead, report.Accepted, report.Rejected));
        Assert.Equal("line 3", Assert.Single(report.RejectedSamples).Position);
        Assert.Equal(1, report.RejectedByReason[RejectionReasons.UnterminatedQuote]);
    }

    private sealed class CountingSink : IRowSink<InteractionRow>
    {
        public long Rows { get; private set; }

        public int Batches { get; private set; }

        public int LargestBatch { get; private set; }

        public ValueTask WriteBatchAsync(ReadOnlyMemory<InteractionRow> rows, CancellationToken cancellationToken)
        {
            Rows += rows.Length;
            Batches++;
            LargestBatch = Math.Max(LargestBatch, rows.Length);
            return ValueTask.CompletedTask;
        }
    }
}
