using System.Text.Json;
using HttmOrleans.DataChefs.Definitions;
using HttmOrleans.DataChefs.Pipeline;
using HttmOrleans.Grains;
using HttmOrleans.Grains.Training;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.HttpResults;

namespace HttmOrleans.Api.Infrastructure;

/// <summary>Turns exceptions into RFC 9457 problem details: domain refusals keep their status and fields; the rest is a 500 without internals.</summary>
internal sealed class ProblemMapping(ILogger<ProblemMapping> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        IResult result = exception switch
        {
            ValidationException v => Problems.Validation(v),
            SourceValidationException s => Problems.Validation(new ValidationException(s.Errors.Count > 0
                ? [.. s.Errors.Select(e => new FieldError(e.Field, e.Reason))]
                : [new FieldError("source", s.Message)])),
            SourceNotAvailableException n => NotAvailable(n),
            SourceReadException r => TypedResults.Problem(statusCode: 502, title: "Source failed", detail: r.Message),
            NotFoundException n => Problems.NotFound(n),
            ConflictException c => TypedResults.Problem(statusCode: 409, title: "Conflict", detail: c.Message),
            UploadException u => Upload(u),
            BadHttpRequestException { InnerException: JsonException j } => Unreadable(j),
            BadHttpRequestException b => TypedResults.Problem(statusCode: b.StatusCode, title: "Bad request", detail: b.Message),
            JsonException j => Unreadable(j),
            // A form the framework cannot parse (a broken multipart body) is the request's fault, not the server's.
            InvalidDataException d when httpContext.Request.HasFormContentType => Problems.Unreadable("body", $"Not a readable form: {d.Message}"),
            IOException e when httpContext.Request.HasFormContentType && e.Source == "Microsoft.AspNetCore.WebUtilities" =>
                Problems.Unreadable("body", $"Not a readable form: {e.Message}"),
            Orleans.Runtime.OrleansMessageRejectionException or SiloUnavailableException => Unavailable(httpContext),
            TimeoutException when exception.Source?.StartsWith("Orleans", StringComparison.Ordinal) == true => Unavailable(httpContext),
            _ => Unexpected(exception),
        };
        await result.ExecuteAsync(httpContext);
        return true;
    }

    // The serializer's path says which field ("$.hyperparameters"); a checked object adds the place inside it.
    private static IResult Unreadable(JsonException j)
    {
        var path = (j.Path ?? "$").TrimStart('$').TrimStart('.');
        if (j is InvalidJsonTextException t && t.RelativePath.Length > 0) path = path.Length == 0 ? t.RelativePath : $"{path}.{t.RelativePath}";
        var reason = j is InvalidJsonTextException ? j.Message
            : j.Message.Contains("could not be converted", StringComparison.Ordinal) ? "Has the wrong type for this field."
            : $"Not valid JSON: {j.Message}";
        return Problems.Unreadable(path.Length == 0 ? "body" : path, reason);
    }

    // 501, not 422: the request is fine, this build lacks the client library.
    /// <summary>A silo died and its grains are moving (failure detection takes a few seconds): ask the client to retry.</summary>
    private static ProblemHttpResult Unavailable(HttpContext http)
    {
        http.Response.Headers.RetryAfter = "2";
        return TypedResults.Problem(statusCode: 503, title: "Cluster recovering",
            detail: "A silo of the cluster stopped answering and its grains are moving to the others; retry in a few seconds.");
    }

    private static ProblemHttpResult NotAvailable(SourceNotAvailableException n) =>
        TypedResults.Problem(statusCode: 501, title: "Source kind not available in this build", detail: n.Message,
            extensions: new Dictionary<string, object?> { ["kind"] = n.Kind, ["client_library"] = n.ClientLibrary });

    private static ProblemHttpResult Upload(UploadException u)
    {
        var extensions = new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { [u.Field] = [u.Message] } };
        if (u.MaxBytes is { } max) extensions["max_bytes"] = max;
        return TypedResults.Problem(statusCode: u.Status, title: u.MaxBytes is null ? "Unreadable upload" : "Body too large", detail: u.Message, extensions: extensions);
    }

    private ProblemHttpResult Unexpected(Exception exception)
    {
        logger.LogError(exception, "Unhandled error");
        return TypedResults.Problem(statusCode: 500, title: "Internal error", detail: "The server failed to handle this request; see its log.");
    }
}
