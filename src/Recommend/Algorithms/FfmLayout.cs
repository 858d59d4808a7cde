using HttmOrleans.Recommend.Data;
using HttmOrleans.Recommend.Features;
using Microsoft.ML.Data;

namespace HttmOrleans.Recommend.Algorithms;

/// <summary>
/// How a model's users, items and features become ML.NET's four FFM fields, and each entity's field vectors built
/// once (the examples only point at them). ML.NET numbers features across fields in column order, so feature
/// <c>n</c> of field <c>f</c> is global feature <c>Offset(f) + n</c> in its weights.
/// </summary>
internal sealed class FfmLayout
{
    public const string UserColumn = "User";
    public const string ItemColumn = "Item";
    public const string UserFeaturesColumn = "UserFeatures";
    public const string ItemFeaturesColumn = "ItemFeatures";
    public const string LabelColumn = "Label";

    public const int UserField = 0;
    public const int ItemField = 1;
    public const int UserFeatureField = 2;
    public const int ItemFeatureField = 3;
    public const int FieldCount = 4;

    public FfmLayout(InteractionMatrix data)
    {
        Users = data.UserCount;
        Items = data.ItemCount;
        UserFeatureNames = data.UserFeatures?.Features ?? new IdMap();
        ItemFeatureNames = data.ItemFeatures?.Features ?? new IdMap();

        // ML.NET wants every field to be a vector of known, positive size: a model without features keeps a
        // one-column field that is never set.
        var sizes = new[] { Math.Max(1, Users), Math.Max(1, Items), Math.Max(1, UserFeatureNames.Count), Math.Max(1, ItemFeatureNames.Count) };
        Sizes = sizes;
        Offsets = [0, sizes[0], sizes[0] + sizes[1], sizes[0] + sizes[1] + sizes[2]];
        UserIdentity = Identities(Users, sizes[UserField]);
        ItemIdentity = Identities(Items, sizes[ItemField]);
        UserFeatures = FeatureRows(data.UserFeatures, Users, sizes[UserFeatureField]);
        ItemFeatures = FeatureRows(data.ItemFeatures, Items, sizes[ItemFeatureField]);
        WarmUsers = [.. Enumerable.Range(0, Users).Select(u => data.ByUser.RowLength(u) > 0)];
        WarmItems = [.. Enumerable.Range(0, Items).Select(i => data.ByItem.RowLength(i) > 0)];
    }

    public int Users { get; }

    public int Items { get; }

    public IdMap UserFeatureNames { get; }

    public IdMap ItemFeatureNames { get; }

    /// <summary>Columns of each field.</summary>
    public int[] Sizes { get; }

    /// <summary>Global index of each field's first feature.</summary>
    public int[] Offsets { get; }

    public VBuffer<float>[] UserIdentity { get; }

    public VBuffer<float>[] ItemIdentity { get; }

    /// <summary>Each user's features scaled to unit length (empty when it has none).</summary>
    public VBuffer<float>[] UserFeatures { get; }

    /// <summary>Each item's features scaled to unit length (empty when it has none).</summary>
    public VBuffer<float>[] ItemFeatures { get; }

    /// <summary>Users with training interactions: only their identity weights were ever trained.</summary>
    public bool[] WarmUsers { get; }

    /// <summary>Items with training interactions: only their identity weights were ever trained.</summary>
    public bool[] WarmItems { get; }

    /// <summary>The examples' schema with each field's vector size set.</summary>
    public SchemaDefinition Schema()
    {
        var schema = SchemaDefinition.Create(typeof(FfmExample));
        schema[UserColumn].ColumnType = new VectorDataViewType(NumberDataViewType.Single, Sizes[UserField]);
        schema[ItemColumn].ColumnType = new VectorDataViewType(NumberDataViewType.Single, Sizes[ItemField]);
        schema[UserFeaturesColumn].ColumnType = new VectorDataViewType(NumberDataViewType.Single, Sizes[UserFeatureField]);
        schema[ItemFeaturesColumn].ColumnType = new VectorDataViewType(NumberDataViewType.Single, Sizes[ItemFeatureField]);
        return schema;
    }

    /// <summary>Scales <paramref name="values"/> in place to unit length, as training scaled every feature row.</summary>
    public static void Normalize(Span<float> values)
    {
        var norm = MathF.Sqrt(System.Numerics.Tensors.TensorPrimitives.SumOfSquares<float>(values));
        if (norm > 0)
        {
            System.Numerics.Tensors.TensorPrimitives.Divide(values, norm, values);
        }
    }

    private static VBuffer<float>[] Identities(int count, int size)
    {
        var buffers = new VBuffer<float>[count];
        for (var n = 0; n < count; n++)
        {
            buffers[n] = new VBuffer<float>(size, 1, [1f], [n]);
        }

        return buffers;
    }

    private static VBuffer<float>[] FeatureRows(FeatureMatrix? features, int count, int size)
    {
        var buffers = new VBuffer<float>[count];
        for (var n = 0; n < count; n++)
        {
            if (features is null || features.Rows.RowLength(n) == 0)
            {
                buffers[n] = new VBuffer<float>(size, 0, [], []);
                continue;
            }

            var values = features.Rows.RowValues(n).ToArray();
            Normalize(values);
            buffers[n] = new VBuffer<float>(size, values.Length, values, features.Rows.RowIndices(n).ToArray());
        }

        return buffers;
    }
}
