namespace HttmOrleans.DataChefs.Features;

/// <summary>How a column of a wide feature table becomes features.</summary>
public enum FeatureColumnKind
{
    /// <summary>Numeric when every non-empty value seen parses as a number, otherwise categorical.</summary>
    Inferred,

    /// <summary>The column name is the feature, the number its value (or a bucket, when buckets are given).</summary>
    Numeric,

    /// <summary><c>column=value</c> with weight 1, one feature per value between separators.</summary>
    Categorical,

    /// <summary>Not a feature (a name, a free-text comment).</summary>
    Ignored,
}
