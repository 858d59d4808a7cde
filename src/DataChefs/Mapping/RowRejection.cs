namespace HttmOrleans.DataChefs.Mapping;

/// <summary>Why a row was refused.</summary>
/// <param name="Reason">A fixed sentence from <see cref="RejectionReasons"/>, so rejections can be counted per reason.</param>
/// <param name="Detail">The offending value or column, for the sample.</param>
public readonly record struct RowRejection(string Reason, string? Detail);
