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
    /// The only folder a server-path CSV or SQLite source may read from. Null refuses every
    /// server path (uploads still work).
    /// </summary>
    public string? DataRoot { get; init; }

    /// <summary>The folder where the host stores uploaded files, one file per upload id.</summary>
    public string? UploadRoot { get; init; }

    /// <summary>Creates the client for REST sources; the host passes its IHttpClientFactory here.</summary>
    public Func<HttpClient> HttpClientFactory { get; init; } = static () => new HttpClient();

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
