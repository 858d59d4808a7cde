using System.Text.Json.Serialization;
using HttmOrleans.DataChefs.Rest;

namespace HttmOrleans.DataChefs.Definitions;

/// <summary>
/// A JSON API read with GET. Pagination as in the seed server (<c>paginated</c>,
/// <c>pagination_param</c>, <c>size_param</c>, <c>size_value</c>) or by next link or cursor.
/// </summary>
public sealed record RestSourceDefinition : SourceDefinition
{
    /// <inheritdoc />
    [JsonIgnore]
    public override string Kind => "rest";

    /// <summary>The first page's absolute http(s) URL. A secret: its user info, query values and fragment are redacted.</summary>
    [JsonPropertyName("url")]
    public string Url { get; init; } = string.Empty;

    /// <summary>Where the records array is: <c>$</c> for a root array, or a dotted path such as <c>data.items</c>.</summary>
    [JsonPropertyName("records_path")]
    public string RecordsPath { get; init; } = "$";

    /// <summary>Seed field: page-number pagination when true and no <see cref="PaginationMode"/> is given.</summary>
    [JsonPropertyName("paginated")]
    public bool Paginated { get; init; }

    /// <summary><c>none</c>, <c>page</c>, <c>next_link</c> or <c>cursor</c>; null follows <see cref="Paginated"/>.</summary>
    [JsonPropertyName("pagination_mode")]
    public string? PaginationMode { get; init; }

    /// <summary>Seed field: the page-number query parameter.</summary>
    [JsonPropertyName("pagination_param")]
    public string PaginationParam { get; init; } = "page";

    /// <summary>Seed field: the page-size query parameter; null sends none.</summary>
    [JsonPropertyName("size_param")]
    public string? SizeParam { get; init; }

    /// <summary>Seed field: the page size sent in <see cref="SizeParam"/>.</summary>
    [JsonPropertyName("size_value")]
    public int? SizeValue { get; init; }

    /// <summary>The first page number (page mode).</summary>
    [JsonPropertyName("start_page")]
    public int StartPage { get; init; } = 1;

    /// <summary>Dotted path of the next page's URL in each answer (next-link mode).</summary>
    [JsonPropertyName("next_link_path")]
    public string NextLinkPath { get; init; } = "links.next";

    /// <summary>Dotted path of the next cursor in each answer (cursor mode).</summary>
    [JsonPropertyName("cursor_path")]
    public string CursorPath { get; init; } = "next_cursor";

    /// <summary>Query parameter the cursor is sent in (cursor mode).</summary>
    [JsonPropertyName("cursor_param")]
    public string CursorParam { get; init; } = "cursor";

    /// <summary>Extra request headers. Secrets: every value but Accept's and Content-Type's is redacted.</summary>
    [JsonPropertyName("headers")]
    public IReadOnlyDictionary<string, string>? Headers { get; init; }

    /// <summary>Sent as <c>Authorization: Bearer …</c>. A secret.</summary>
    [JsonPropertyName("bearer_token")]
    public string? BearerToken { get; init; }

    /// <summary>Stops after this many pages, noting it in the report, so a server that never ends cannot loop forever.</summary>
    [JsonPropertyName("max_pages")]
    public int MaxPages { get; init; } = 10_000;

    /// <summary>Per-request timeout in seconds.</summary>
    [JsonPropertyName("timeout_seconds")]
    public int TimeoutSeconds { get; init; } = 60;

    /// <summary>The pagination actually used.</summary>
    [JsonIgnore]
    public RestPagination EffectivePagination => PaginationMode switch
    {
        null => Paginated ? RestPagination.Page : RestPagination.None,
        "page" => RestPagination.Page,
        "next_link" or "next-link" => RestPagination.NextLink,
        "cursor" => RestPagination.Cursor,
        _ => RestPagination.None,
    };

    /// <inheritdoc />
    public override IReadOnlyList<SourceValidationError> Validate(SourceEnvironment environment)
    {
        var errors = new List<SourceValidationError>();
        if (!Uri.TryCreate(Url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            errors.Add(new("url", "The URL must be an absolute http or https URL."));
        }
        else if (environment.HttpClientFactory is null && environment.Hosts.RefusalFor(uri) is { } refusal)
        {
            errors.Add(new("url", $"The URL's host is {refusal}, which data chefs may not reach; an admin can allow it in Httm:DataChefs:AllowedHosts."));
        }

        if (!JsonPath.TryParse(RecordsPath, out _))
        {
            errors.Add(new("records_path", "The records path must be '$' or a dotted path such as 'data.items'."));
        }

        if (PaginationMode is not (null or "none" or "page" or "next_link" or "next-link" or "cursor"))
        {
            errors.Add(new("pagination_mode", "The pagination mode must be none, page, next_link or cursor."));
        }

        switch (EffectivePagination)
        {
            case RestPagination.Page when string.IsNullOrWhiteSpace(PaginationParam):
                errors.Add(new("pagination_param", "Page pagination needs the page parameter's name."));
                break;
            case RestPagination.NextLink when !JsonPath.TryParse(NextLinkPath, out _):
                errors.Add(new("next_link_path", "The next-link path must be a dotted path such as 'links.next'."));
                break;
            case RestPagination.Cursor when !JsonPath.TryParse(CursorPath, out _) || string.IsNullOrWhiteSpace(CursorParam):
                errors.Add(new("cursor_path", "Cursor pagination needs a dotted cursor path and a cursor parameter."));
                break;
        }

        if (SizeValue is < 1)
        {
            errors.Add(new("size_value", "The page size must be at least 1."));
        }

        if (SizeValue is not null && string.IsNullOrWhiteSpace(SizeParam))
        {
            errors.Add(new("size_param", "A page size needs the size parameter's name."));
        }

        if (MaxPages < 1)
        {
            errors.Add(new("max_pages", "The page limit must be at least 1."));
        }

        if (TimeoutSeconds is < 1 or > 600)
        {
            errors.Add(new("timeout_seconds", "The timeout must be between 1 and 600 seconds."));
        }

        foreach (var (name, value) in Headers ?? new Dictionary<string, string>())
        {
            if (string.IsNullOrWhiteSpace(name) || name.Any(c => c <= ' ' || c == ':') || value.Any(c => c is '\r' or '\n'))
            {
                errors.Add(new("headers", $"The header '{name}' is not a valid header name and value."));
            }
        }

        return errors;
    }

    /// <inheritdoc />
    public override SourceDefinition Redacted() => this with
    {
        Url = Secrets.RedactUrl(Url),
        BearerToken = Secrets.MaskValue(BearerToken),
        Headers = Headers?.ToDictionary(h => h.Key, h => Secrets.RedactHeader(h.Key, h.Value)),
    };

    /// <inheritdoc />
    public override IReadOnlyCollection<string> SecretValues()
    {
        var secrets = new List<string>();
        Secrets.CollectUrl(Url, secrets);
        if (!string.IsNullOrEmpty(BearerToken))
        {
            secrets.Add(BearerToken);
        }

        secrets.AddRange((Headers ?? new Dictionary<string, string>()).Where(h => !Secrets.IsPlainHeader(h.Key)).Select(h => h.Value));
        return secrets;
    }
}
