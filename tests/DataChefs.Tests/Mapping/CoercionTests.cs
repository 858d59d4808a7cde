using HttmOrleans.DataChefs.Mapping;
using HttmOrleans.DataChefs.Pipeline;

namespace HttmOrleans.DataChefs.Tests.Mapping;

public sealed class CoercionTests
{
    private static readonly string[] Names = ["user_id", "item_id", "rating", "timestamp"];

    private static (bool Ok, InteractionRow Row, RowRejection Rejection) Interaction(object? user, object? item, object? rating, object? timestamp, string? mapping = null)
    {
        var mapper = new RecordMapper(ColumnMapping.Parse(mapping, DatasetKind.Interactions));
        var ok = new InteractionCoercer().TryCoerce(mapper.Map(new SourceRecord(Names, [user, item, rating, timestamp], "row 1")), out var row, out var rejection);
        return (ok, row, rejection);
    }

    [Fact]
    public void A_missing_rating_defaults_to_one_and_ids_are_trimmed()
    {
        var result = Interaction(" u1 ", 42L, null, "");

        Assert.True(result.Ok);
        Assert.Equal(new InteractionRow("u1", "42", 1.0f, null), result.Row);
    }

    [Theory]
    [InlineData("1700000000", 1_700_000_000_000L)]
    [InlineData("1700000000.5", 1_700_000_000_500L)]
    [InlineData("1700000000123", 1_700_000_000_123L)]
    [InlineData("2023-11-14T22:13:20Z", 1_700_000_000_000L)]
    [InlineData("2023-11-14T23:13:20+01:00", 1_700_000_000_000L)]
    [InlineData("2023-11-14 22:13:20", 1_700_000_000_000L)]
    public void Timestamps_accept_unix_seconds_unix_milliseconds_and_iso_8601(string text, long expected)
    {
        Assert.Equal(expected, Interaction("u", "i", "2", text).Row.TimestampUnixMs);
    }

    [Fact]
    public void Typed_database_values_coerce_too()
    {
        var result = Interaction(7, Guid.Empty, 4.5m, new DateTime(2023, 11, 14, 22, 13, 20, DateTimeKind.Utc));

        Assert.Equal(new InteractionRow("7", Guid.Empty.ToString(), 4.5f, 1_700_000_000_000), result.Row);
    }

    [Theory]
    [InlineData(null, "i", "1", null, "missing user_id")]
    [InlineData("  ", "i", "1", null, "missing user_id")]
    [InlineData("u", "", "1", null, "missing item_id")]
    [InlineData("u", "i", "five", null, "rating is not a number")]
    [InlineData("u", "i", "NaN", null, "rating is not a number")]
    [InlineData("u", "i", "1e99", null, "rating is not a number")]
    [InlineData("u", "i", "1", "01/02/2024", "timestamp unparseable")]
    [InlineData("u", "i", "1", "soon", "timestamp unparseable")]
    public void Bad_values_are_rejected_with_a_countable_reason(string? user, string? item, string? rating, string? timestamp, string reason)
    {
        var result = Interaction(user, item, rating, timestamp);

        Assert.False(result.Ok);
        Assert.Equal(reason, result.Rejection.Reason);
    }

    [Fact]
    public void An_explicitly_mapped_field_that_is_absent_is_rejected_not_defaulted()
    {
        var result = Interaction("u", "i", "1", null, "score->rating");

        Assert.False(result.Ok);
        Assert.Equal("mapped source field for rating not present", result.Rejection.Reason);
        Assert.Equal("score", result.Rejection.Detail);
    }

    [Fact]
    public void Text_pairs_keep_their_text_and_refuse_blank_sides()
    {
        var mapper = new RecordMapper(ColumnMapping.Identity(DatasetKind.TextPairs));
        var coercer = new TextPairCoercer();
        string[] names = ["document", "summary"];

        Assert.True(coercer.TryCoerce(mapper.Map(new SourceRecord(names, ["  Body\ntext ", "Sum"], "x")), out var row, out _));
        Assert.Equal(new TextPairRow("  Body\ntext ", "Sum"), row);
        Assert.False(coercer.TryCoerce(mapper.Map(new SourceRecord(names, [" ", "Sum"], "x")), out _, out var noDocument));
        Assert.Equal("empty document", noDocument.Reason);
        Assert.False(coercer.TryCoerce(mapper.Map(new SourceRecord(names, ["Body", null], "x")), out _, out var noSummary));
        Assert.Equal("empty summary", noSummary.Reason);
    }
}
