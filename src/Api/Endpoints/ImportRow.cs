namespace HttmOrleans.Api.Endpoints;

/// <summary>
/// One row of an import file by the columns a sample may use (<see cref="ImportRowReader.Columns"/>), or why it
/// could not be read. <see cref="Fields"/> is reused for the next row: take what is needed before reading on.
/// </summary>
internal readonly record struct ImportRow(long Line, string?[] Fields, string? Error);
