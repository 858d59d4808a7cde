namespace HttmOrleans.Hosting.Storage;

/// <summary>
/// Builds the <c>OrleansQuery</c> rows the ADO.NET providers load at start-up: each provider
/// reads its statements by key (<c>WriteToStorageKey</c>, <c>UpsertReminderRowKey</c>, …) and
/// binds its own parameter names (<c>@GrainIdHash</c>, <c>@ServiceId</c>, …) and result column
/// names (<c>NewGrainStateVersion</c>, <c>Version</c>, …), so those names are the contract.
/// </summary>
internal static class OrleansQueries
{
    public const string CreateTable = "CREATE TABLE OrleansQuery (QueryKey varchar(64) NOT NULL PRIMARY KEY, QueryText text NOT NULL);\n";

    /// <summary>INSERT statements for <paramref name="queries"/>, quoted the standard way both dialects accept.</summary>
    public static string Insert(IReadOnlyDictionary<string, string> queries) =>
        string.Concat(queries.Select(q => $"INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ({Quote(q.Key)}, {Quote(q.Value.Trim())});\n"));

    private static string Quote(string text) => "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";
}
