namespace HttmOrleans.DataChefs.Mapping;

/// <summary>The type a dataset column is coerced to.</summary>
public enum DatasetColumnType
{
    /// <summary>Non-empty text (ids, documents).</summary>
    Text,

    /// <summary>A finite 32-bit float.</summary>
    Float,

    /// <summary>A moment, stored as Unix milliseconds.</summary>
    Timestamp,
}
