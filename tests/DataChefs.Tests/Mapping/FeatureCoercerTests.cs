using HttmOrleans.DataChefs.Features;
using HttmOrleans.DataChefs.Mapping;
using HttmOrleans.DataChefs.Pipeline;
using HttmOrleans.Grains.Datasets;

namespace HttmOrleans.DataChefs.Tests.Mapping;

/// <summary>Wide records and long rows through the features coercer and its converter.</summary>
public sealed class FeatureCoercerTests
{
    private static readonly string[] Wide = ["user_id", "age", "gender", "genres", "zip"];

    private static FeatureCoercer Learned(FeatureConversion conversion, params object?[][] rows)
    {
        var mapping = ColumnMapping.Parse("user_id->entity_id", DatasetKind.Features);
        var coercer = new FeatureCoercer(conversion);
        foreach (var row in rows) coercer.Learn(new SourceRecord(Wide, row, "row"), mapping);
        return coercer;
    }

    private static (bool Ok, string[] Features, RowRejection Rejection) Coerce(FeatureCoercer coercer, string[] names, object?[] values, string mapping = "user_id->entity_id")
    {
        var mapper = new RecordMapper(ColumnMapping.Parse(mapping, DatasetKind.Features));
        var ok = coercer.TryCoerce(mapper.Map(new SourceRecord(names, values, "row 1")), out var row, out var rejection);
        return (ok, ok ? [.. row.Samples.Select(Show).Order(StringComparer.Ordinal)] : [], rejection);
    }

    private static string Show(FeatureSample s) => $"{s.EntityId} {s.Feature} {s.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)}";

    [Fact]
    public void A_wide_record_from_a_database_gives_categorical_numeric_and_multi_valued_features()
    {
        var coercer = Learned(FeatureConversion.Default, ["u1", 25L, "F", "Comedy|Drama", "02139"], ["u2", 31.5, "M", "Drama", "K1A"]);

        var result = Coerce(coercer, Wide, ["u1", 25L, "F", "Comedy|Drama", "02139"]);

        Assert.True(result.Ok);
        Assert.Equal(["u1 age 25", "u1 gender=F 1", "u1 genres=Comedy 1", "u1 genres=Drama 1", "u1 zip=02139 1"], result.Features);
    }

    [Theory]
    [InlineData(10, "age=[,18)")]
    [InlineData(18, "age=[18,25)")]
    [InlineData(24.9, "age=[18,25)")]
    [InlineData(50, "age=[50,)")]
    public void Buckets_are_half_open_with_open_ends(double age, string bucket)
    {
        var errors = FeatureConversion.TryParse(null, "age:18,25,35,50", null, out var conversion);
        Assert.Empty(errors);

        var result = Coerce(new FeatureCoercer(conversion), ["user_id", "age"], ["u", age]);

        Assert.Equal([$"u {bucket} 1"], result.Features);
    }

    [Fact]
    public void A_value_that_is_not_a_number_in_a_column_learned_numeric_rejects_its_row_with_the_column_in_the_detail()
    {
        var coercer = Learned(FeatureConversion.Default, ["u1", 25L, "F", "Comedy", "1"]);

        var result = Coerce(coercer, Wide, ["u2", "unknown", "M", "Drama", "2"]);

        Assert.False(result.Ok);
        Assert.Equal(RejectionReasons.FeatureNotANumber, result.Rejection.Reason);
        Assert.Equal("age 'unknown' is not a number", result.Rejection.Detail);
    }

    [Fact]
    public void Without_learning_each_value_is_judged_by_itself_and_given_types_win()
    {
        var errors = FeatureConversion.TryParse("zip:categorical,gender:ignore", null, "none", out var conversion);
        Assert.Empty(errors);

        var result = Coerce(new FeatureCoercer(conversion), Wide, ["u3", "40", "F", "Comedy|Drama", "02139"]);

        Assert.Equal(["u3 age 40", "u3 genres=Comedy|Drama 1", "u3 zip=02139 1"], result.Features);
    }

    [Fact]
    public void A_record_with_a_feature_field_is_one_long_row_and_a_missing_id_is_rejected()
    {
        var coercer = new FeatureCoercer(FeatureConversion.Default);
        string[] names = ["item", "feature", "value"];

        Assert.Equal(["i1 price 12.5"], Coerce(coercer, names, ["i1", "price", 12.5], "item->entity_id").Features);
        Assert.Equal(["i1 genre=Drama 1"], Coerce(coercer, names, ["i1", "genre=Drama", null], "item->entity_id").Features);
        var missing = Coerce(coercer, names, [" ", "genre=Drama", null], "item->entity_id");
        Assert.Equal(RejectionReasons.Missing("entity_id"), missing.Rejection.Reason);
    }

    [Fact]
    public void Bad_options_are_reported_per_field()
    {
        var errors = FeatureConversion.TryParse("age:integer", "age:30,20;zip", null, out _);

        Assert.Equal(["types", "buckets", "buckets"], errors.Select(e => e.Field));
    }
}
