using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Tessera.Studio.Api;

/// <summary>RFC 9457 problem responses with a detail line that says what was wrong and what to do.</summary>
public static class Problems
{
    public static ProblemHttpResult BadRequest(string detail) => Status(400, "Invalid request", detail);

    public static ProblemHttpResult NotFound(string detail) => Status(404, "Not found", detail);

    public static ProblemHttpResult Status(int status, string title, string detail) =>
        TypedResults.Problem(detail: detail, statusCode: status, title: title);

    /// <summary>Several validation problems at once, each with the field it concerns.</summary>
    public static ProblemHttpResult Invalid(IReadOnlyList<string> problems) =>
        TypedResults.Problem(detail: string.Join("; ", problems), statusCode: 400, title: "Invalid request",
            extensions: new Dictionary<string, object?> { ["errors"] = problems });
}
