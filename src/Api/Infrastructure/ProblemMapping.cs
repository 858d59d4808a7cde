using System.Text.Json;
using HttmOrleans.Grains;
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
            NotFoundException n => TypedResults.Problem(statusCode: 404, title: "Not found", detail: n.Message),
            ConflictException c => TypedResults.Problem(statusCode: 409, title: "Conflict", detail: c.Message),
            BadHttpRequestException b => TypedResults.Problem(statusCode: b.StatusCode, title: "Bad request", detail: b.Message),
            JsonException j => Problems.Field("body", $"Not valid JSON for this route: {j.Message}"),
            _ => Unexpected(exception),
        };
        await result.ExecuteAsync(httpContext);
        return true;
    }

    private ProblemHttpResult Unexpected(Exception exception)
    {
        logger.LogError(exception, "Unhandled error");
        return TypedResults.Problem(statusCode: 500, title: "Internal error", detail: "The server failed to handle this request; see its log.");
    }
}
