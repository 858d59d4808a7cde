using System.Text;
using HttmOrleans.DataChefs.Csv;
using HttmOrleans.DataChefs.Mapping;

namespace HttmOrleans.DataChefs.Tests.Csv;

/// <summary>The parser copies plain runs in chunks; these pin what that must not change.</summary>
public sealed class CsvParserTests
{
    private static async Task<List<(List<string> Fields, long Line, string? Error)>> ParseAsync(string text, int maxRecordChars = 16 * 1024 * 1024)
    {
        var parser = new CsvParser(new StringReader(text), ',', '"', maxRecordChars);
        var records = new List<(List<string>, long, string?)>();
        var fields = new List<string>();
        while (await parser.ReadRecordAsync(fields, CancellationToken.None))
        {
            records.Add(([.. fields], parser.RecordLine, parser.RecordError));
        }

        return records;
    }

    [Fact]
    public async Task Fields_that_straddle_the_read_buffer_come_back_whole_with_the_right_lines()
    {
        var random = new Random(11);
        var expected = new List<string[]>();
        var text = new StringBuilder();
        for (var i = 0; i < 3_000; i++)
        {
            // Lengths up to 100 k characters put many fields across the 64 KiB buffer boundary.
            var length = i % 500 == 0 ? 100_000 : random.Next(1, 60);
            string[] row = [$"u{i}", new string((char)('a' + (i % 26)), length), i.ToString(System.Globalization.CultureInfo.InvariantCulture)];
            expected.Add(row);
            text.Append(string.Join(',', row)).Append(i % 3 == 0 ? "\r\n" : "\n");
        }

        var records = await ParseAsync(text.ToString());

        Assert.Equal(expected.Count, records.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.Equal(expected[i], records[i].Fields);
            Assert.Equal(i + 1, records[i].Line);
            Assert.Null(records[i].Error);
        }
    }

    [Fact]
    public async Task A_quote_inside_a_plain_field_is_still_malformed_and_kept()
    {
        var records = await ParseAsync("abc\"def,x\nplain,y\n");

        Assert.Equal(["abc\"def", "x"], records[0].Fields);
        Assert.Equal(RejectionReasons.MalformedQuotes, records[0].Error);
        Assert.Null(records[1].Error);
    }

    [Fact]
    public async Task A_record_longer_than_the_limit_is_refused_even_when_read_in_chunks()
    {
        var error = await Assert.ThrowsAsync<InvalidDataException>(() => ParseAsync("a,b\n" + new string('x', 5_000) + ",c\n", maxRecordChars: 1_000));

        Assert.Contains("longer than 1000 characters", error.Message, StringComparison.Ordinal);
    }
}
