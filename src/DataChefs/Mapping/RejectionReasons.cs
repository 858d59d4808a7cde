namespace HttmOrleans.DataChefs.Mapping;

/// <summary>The reasons a row is rejected, fixed sentences so reports can count them.</summary>
public static class RejectionReasons
{
    /// <summary>A required column had no value (formatted with the column name).</summary>
    public static string Missing(string column) => $"missing {column}";

    /// <summary>An explicitly mapped source field is not in the record at all.</summary>
    public static string SourceFieldAbsent(string column) => $"mapped source field for {column} not present";

    /// <summary>The rating could not be read as a finite number.</summary>
    public const string RatingNotANumber = "rating is not a number";

    /// <summary>The timestamp is neither Unix seconds, Unix milliseconds nor ISO-8601.</summary>
    public const string TimestampUnparseable = "timestamp unparseable";

    /// <summary>A numeric feature (given or inferred numeric) or a long row's value is not a number.</summary>
    public const string FeatureNotANumber = "feature value is not a number";

    /// <summary>A feature cell holds a NUL character, which PostgreSQL cannot store.</summary>
    public const string FeatureNul = "feature contains a NUL character";

    /// <summary>The document of a text pair is blank.</summary>
    public const string EmptyDocument = "empty document";

    /// <summary>The summary of a text pair is blank.</summary>
    public const string EmptySummary = "empty summary";

    /// <summary>A CSV row has a different number of fields than the header.</summary>
    public const string FieldCountMismatch = "wrong number of fields";

    /// <summary>A CSV row has a quote in the middle of an unquoted field or after a closing quote.</summary>
    public const string MalformedQuotes = "malformed quotes";

    /// <summary>The file ended inside a quoted field.</summary>
    public const string UnterminatedQuote = "unterminated quoted field";

    /// <summary>A message or page was not JSON.</summary>
    public const string InvalidJson = "not valid JSON";

    /// <summary>A JSON record was not an object.</summary>
    public const string NotAnObject = "record is not a JSON object";
}
