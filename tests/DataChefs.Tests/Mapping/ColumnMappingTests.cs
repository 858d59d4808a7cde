using HttmOrleans.DataChefs.Definitions;
using HttmOrleans.DataChefs.Mapping;

namespace HttmOrleans.DataChefs.Tests.Mapping;

public sealed class ColumnMappingTests
{
    private static string Source(ColumnMapping mapping, string target) => mapping.SourceFor(mapping.Kind.IndexOf(target));

    [Theory]
    [InlineData("userId->user_id,productId->item_id")]
    [InlineData("userId:user_id,productId:item_id")]
    [InlineData(" userId -> user_id ,\n productId:item_id ")]
    public void Both_seed_syntaxes_map_sources_to_targets(string text)
    {
        var mapping = ColumnMapping.Parse(text, DatasetKind.Interactions);

        Assert.Equal("userId", Source(mapping, "user_id"));
        Assert.Equal("productId", Source(mapping, "item_id"));
        Assert.Equal("userId->user_id,productId->item_id", mapping.ToString());
    }

    [Fact]
    public void Unmapped_targets_read_the_field_of_the_same_name()
    {
        var mapping = ColumnMapping.Parse("uid->user_id", DatasetKind.Interactions);

        Assert.Equal("item_id", Source(mapping, "item_id"));
        Assert.Equal("rating", Source(mapping, "rating"));
        Assert.True(mapping.IsExplicit(0));
        Assert.False(mapping.IsExplicit(1));
    }

    [Fact]
    public void Every_problem_is_reported_at_once()
    {
        var errors = ColumnMapping.TryParse("a->user_id,b->user_id,c->price,->item_id,d->,nonsense", DatasetKind.Interactions, out _);

        Assert.All(errors, e => Assert.Equal("mapping", e.Field));
        Assert.Equal(
            [
                "'user_id' is mapped more than once.",
                "'price' is not a column of interactions datasets (known: user_id, item_id, rating, timestamp).",
                "'->item_id' has an empty column name.",
                "'d->' has an empty column name.",
                "'nonsense' is not 'source->target' or 'source:target'.",
            ],
            errors.Select(e => e.Reason));
    }

    [Fact]
    public void Targets_are_checked_against_the_dataset_kind()
    {
        Assert.Throws<SourceValidationException>(() => ColumnMapping.Parse("text->user_id", DatasetKind.TextPairs));

        var mapping = ColumnMapping.Parse("text:document,headline:summary", DatasetKind.TextPairs);

        Assert.Equal("headline", Source(mapping, "summary"));
    }

    [Fact]
    public void Dataset_kinds_are_found_by_wire_name()
    {
        Assert.True(DatasetKind.TryParse("text-pairs", out var kind));
        Assert.Same(DatasetKind.TextPairs, kind);
        Assert.False(DatasetKind.TryParse("images", out _));
        Assert.Equal(["user_id", "item_id", "rating", "timestamp"], DatasetKind.Interactions.Columns.Select(c => c.Name));
        Assert.Equal([true, true, false, false], DatasetKind.Interactions.Columns.Select(c => c.Required));
    }
}
