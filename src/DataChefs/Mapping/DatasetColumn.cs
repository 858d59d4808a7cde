namespace HttmOrleans.DataChefs.Mapping;

/// <summary>One column of a dataset kind's schema.</summary>
/// <param name="Name">The column's name, the target side of a mapping.</param>
/// <param name="Type">What values are coerced to.</param>
/// <param name="Required">Whether a row without it is rejected.</param>
/// <param name="DefaultDescription">What an absent optional value becomes, for docs and previews.</param>
public sealed record DatasetColumn(string Name, DatasetColumnType Type, bool Required, string? DefaultDescription = null);
