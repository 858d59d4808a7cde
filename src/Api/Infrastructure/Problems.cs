using HttmOrleans.Grains;

namespace HttmOrleans.Api.Infrastructure;

/// <summary>Problem-details helpers: 422 names every refused field and why.</summary>
internal static class Problems
{
    public static IResult Validation(ValidationException e) =>
        Results.ValidationProblem(
            e.Errors.GroupBy(x => x.Field).ToDictionary(g => g.Key, g => g.Select(x => x.Reason).ToArray()),
            detail: e.Message, title: "Invalid request", statusCode: StatusCodes.Status422UnprocessableEntity);

    public static IResult Field(string field, string reason) => Validation(new ValidationException(field, reason));

    /// <summary>400: a body or parameter that cannot be read at all (not JSON, a wrong type, unreadable text or form), naming where.</summary>
    public static IResult Unreadable(string field, string reason) =>
        Results.ValidationProblem(new Dictionary<string, string[]> { [field] = [reason] }, detail: $"{field}: {reason}",
            title: "Unreadable request", statusCode: StatusCodes.Status400BadRequest);

    /// <summary>404 for an id a request named; the field says which one when the id came from a body or query.</summary>
    public static IResult NotFound(NotFoundException n) => n.Field is { } field
        ? Results.ValidationProblem(new Dictionary<string, string[]> { [field] = [n.Message] }, detail: n.Message, title: "Not found", statusCode: StatusCodes.Status404NotFound)
        : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: n.Message);

    public static ValidationException Missing(string field) => new(field, "Required.");
}
