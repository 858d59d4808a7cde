using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using HttmOrleans.DataChefs.Definitions;
using HttmOrleans.DataChefs.Pipeline;

namespace HttmOrleans.DataChefs.Rest;

/// <summary>Walks the pages of a REST source, one JSON document in memory at a time.</summary>
internal sealed class RestSourceReader(RestSourceDefinition definition, HttpClient client, RetryPolicy retry) : ISourceReader
{
    private readonly List<string> _notes = [];
    private readonly JsonPath _records = JsonPath.Parse(definition.RecordsPath);
    private readonly RetryingJsonFetcher _fetcher = new(client, definition, retry);

    /// <inheritdoc />
    public IReadOnlyList<string> Notes => _notes;

    /// <inheritdoc />
    public long DuplicatesSkipped => 0;

    /// <inheritdoc />
    public bool CommitDue => false;

    /// <inheritdoc />
    public async IAsyncEnumerable<SourceRecord> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var first = new Uri(definition.Url);
        var mode = definition.EffectivePagination;
        Uri? url = mode == RestPagination.Page ? PageUrl(first, definition.StartPage) : WithSize(first);
        string? previousCursor = null;
        var page = 0;
        while (url is not null)
        {
            if (page == definition.MaxPages)
            {
                _notes.Add($"page limit {definition.MaxPages} reached: later pages were not read");
                break;
            }

            page++;
            using var document = await _fetcher.GetAsync(url, cancellationToken);
            var root = document.RootElement;
            var records = _records.Select(root);
            if (records is null && page == 1)
            {
                throw new SourceReadException($"The first page has nothing at records path '{_records}'.");
            }

            var count = records is { } r ? JsonRecords.Count(r) : 0;
            if (count == 0)
            {
                _notes.Add($"stopped at empty page {page.ToString(CultureInfo.InvariantCulture)}");
                break;
            }

            var pageNumber = page.ToString(CultureInfo.InvariantCulture);
            foreach (var record in JsonRecords.From(records!.Value, i => $"page {pageNumber}, record {i.ToString(CultureInfo.InvariantCulture)}"))
            {
                yield return record;
            }

            url = mode switch
            {
                RestPagination.Page => PageUrl(first, definition.StartPage + page),
                RestPagination.NextLink => NextLink(root, url),
                RestPagination.Cursor => NextCursor(root, first, ref previousCursor),
                _ => null,
            };
        }

        if (_fetcher.Retries > 0)
        {
            _notes.Add($"{_fetcher.Retries.ToString(CultureInfo.InvariantCulture)} request(s) retried after 429, 5xx or network errors");
        }
    }

    /// <inheritdoc />
    public ValueTask CommitAsync(CancellationToken cancellationToken) => ValueTask.CompletedTask;

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        client.Dispose();
        return ValueTask.CompletedTask;
    }

    private Uri PageUrl(Uri first, int page) =>
        WithQuery(WithSize(first), definition.PaginationParam, page.ToString(CultureInfo.InvariantCulture));

    private Uri WithSize(Uri url) => definition.SizeParam is { Length: > 0 } size && definition.SizeValue is { } value
        ? WithQuery(url, size, value.ToString(CultureInfo.InvariantCulture))
        : url;

    private Uri? NextLink(JsonElement root, Uri current)
    {
        var link = JsonPath.Parse(definition.NextLinkPath).Select(root);
        if (link is not { ValueKind: JsonValueKind.String } || string.IsNullOrWhiteSpace(link.Value.GetString()))
        {
            return null;
        }

        var next = new Uri(current, link.Value.GetString());
        // The token and custom headers are meant for the configured API only.
        if (next.Scheme != current.Scheme || next.Authority != current.Authority)
        {
            throw new SourceReadException($"The next link points to another origin ({next.Scheme}://{next.Authority}); it is not followed.");
        }

        return next;
    }

    private Uri? NextCursor(JsonElement root, Uri first, ref string? previous)
    {
        var cursor = JsonPath.Parse(definition.CursorPath).Select(root);
        var text = cursor?.ValueKind switch
        {
            JsonValueKind.String => cursor.Value.GetString(),
            JsonValueKind.Number => cursor.Value.GetRawText(),
            _ => null,
        };
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        if (text == previous)
        {
            _notes.Add("the API returned the same cursor twice; stopped to avoid a loop");
            return null;
        }

        previous = text;
        return WithQuery(WithSize(first), definition.CursorParam, text);
    }

    private static Uri WithQuery(Uri url, string name, string value)
    {
        var builder = new UriBuilder(url);
        var kept = builder.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Where(p => !string.Equals(Uri.UnescapeDataString(p.Split('=')[0]), name, StringComparison.Ordinal));
        builder.Query = string.Join('&', kept.Append($"{Uri.EscapeDataString(name)}={Uri.EscapeDataString(value)}"));
        return builder.Uri;
    }
}
