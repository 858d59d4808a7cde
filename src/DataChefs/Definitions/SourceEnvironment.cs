using HttmOrleans.DataChefs.Queue;
using HttmOrleans.DataChefs.Rest;

namespace HttmOrleans.DataChefs.Definitions;

/// <summary>
/// What the host gives every source: where server files may be read from, where uploads
/// live, how HTTP is sent and where processed queue messages are remembered.
/// </summary>
public sealed class SourceEnvironment
{
    /// <summary>
    /// The folder relative server paths (a CSV path, a SQLite Data Source) are resolved against.
    /// Null refuses every server path (uploads still work).
    /// </summary>
    public string? DataRoot { get; init; }

    /// <summary>
    /// The only folder a server-path CSV or SQLite source may read from (CSV may also name a file in
    /// <see cref="UploadRoot"/>); null means <see cref="DataRoot"/> itself. A host whose data root also
    /// holds its own files sets a subfolder meant for user files here.
    /// </summary>
    public string? SourceDirectory { get; init; }

    /// <summary>Files no source may open wherever they lie: the server's own database and its journals.</summary>
    public IReadOnlyList<string> ProtectedFiles { get; init; } = [];

    /// <summary>
    /// The server's own PostgreSQL connection string, when it runs on PostgreSQL: a SQL source naming the
    /// same host, port and database is refused unless <see cref="AllowServerDatabase"/>.
    /// </summary>
    public string? ServerPostgres { get; init; }

    /// <summary>Lets SQL sources read the server's own PostgreSQL database (off by default).</summary>
    public bool AllowServerDatabase { get; init; }

    /// <summary>Which addresses REST sources may connect to; the default refuses internal ones.</summary>
    public HostPolicy Hosts { get; init; } = HostPolicy.Default;

    /// <summary>The folder where the host stores uploaded files, one file per upload id.</summary>
    public string? UploadRoot { get; init; }

    /// <summary>
    /// Creates the client for REST sources; null (the default) uses <see cref="GuardedHttp"/> with
    /// <see cref="Hosts"/>. A client given here is trusted to apply its own address checks.
    /// </summary>
    public Func<HttpClient>? HttpClientFactory { get; init; }

    /// <summary>The client a REST source sends with.</summary>
    internal HttpClient CreateHttpClient() => HttpClientFactory?.Invoke() ?? GuardedHttp.CreateClient(Hosts);

    /// <summary>Backoff for REST retries on 429 and 5xx.</summary>
    public RetryPolicy Retry { get; init; } = RetryPolicy.Default;

    /// <summary>Remembers queue message ids whose rows are stored, so redeliveries are skipped.</summary>
    public IProcessedMessageLog MessageLog { get; init; } = new InMemoryProcessedMessageLog();

    /// <summary>
    /// The scope message ids are remembered under, normally the data chef's id, so two
    /// chefs reading the same exchange do not dedupe each other.
    /// </summary>
    public string MessageScope { get; init; } = "default";
}
