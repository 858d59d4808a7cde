namespace HttmOrleans.DataChefs.Rest;

/// <summary>How a REST source finds its next page.</summary>
public enum RestPagination
{
    /// <summary>One request.</summary>
    None,

    /// <summary>Page numbers in a query parameter, until an empty page.</summary>
    Page,

    /// <summary>A URL in each answer, until it is missing or the page is empty.</summary>
    NextLink,

    /// <summary>An opaque cursor in each answer, sent back in a query parameter.</summary>
    Cursor,
}
