using System.Text;

namespace HttmOrleans.DataChefs.Csv;

/// <summary>How a delimited file is written.</summary>
/// <param name="Delimiter">The field separator.</param>
/// <param name="HasHeader">Whether the first record names the columns.</param>
/// <param name="Quote">The quote character (doubled inside a quoted field).</param>
/// <param name="Encoding">The text encoding (a BOM in the file overrides it).</param>
public sealed record CsvDialect(char Delimiter, bool HasHeader, char Quote, Encoding Encoding)
{
    /// <summary>The delimiters sniffing chooses from.</summary>
    public static readonly IReadOnlyList<char> CandidateDelimiters = [',', ';', '\t', '|'];

    /// <summary>Reads a delimiter as users write it: a character, <c>\t</c> or <c>tab</c>.</summary>
    public static char? ParseDelimiter(string? text) => text switch
    {
        "," => ',',
        ";" => ';',
        "|" => '|',
        "\t" or "\\t" or "tab" or "TAB" => '\t',
        _ => null,
    };

    /// <summary>A delimiter as a user reads it.</summary>
    public static string Describe(char delimiter) => delimiter == '\t' ? "\\t" : delimiter.ToString();
}
