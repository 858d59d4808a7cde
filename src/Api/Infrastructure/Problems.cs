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

    public static ValidationException Missing(string field) => new(field, "Required.");
}
