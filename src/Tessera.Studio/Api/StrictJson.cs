using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Tessera.Studio.Hosting;

namespace Tessera.Studio.Api;

/// <summary>
/// Reads a JSON request body strictly — size-capped, unknown fields refused, comments and trailing commas
/// refused — and turns every failure into a 4xx ProblemDetails that names the field, instead of the framework's
/// generic "bad request".
/// </summary>
public static partial class StrictJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        AllowTrailingCommas = false,
        ReadCommentHandling = JsonCommentHandling.Disallow,
        NumberHandling = JsonNumberHandling.Strict,
        MaxDepth = 64,
    };

    public static async Task<(T? Value, ProblemHttpResult? Problem)> ReadAsync<T>(HttpRequest request, CancellationToken ct) where T : class
    {
        if (!request.HasJsonContentType())
            return (null, Problems.Status(415, "Unsupported media type", "send the body as JSON with 'Content-Type: application/json'"));
        if (request.ContentLength > StudioOptions.MaxJsonBytes)
            return (null, TooLarge());
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int n;
        while ((n = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + n > StudioOptions.MaxJsonBytes) return (null, TooLarge());
            buffer.Write(chunk, 0, n);
        }
        if (buffer.Length == 0) return (null, Problems.BadRequest("the request body is empty; send a JSON object"));
        try
        {
            var value = JsonSerializer.Deserialize<T>(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), Options);
            return value is null ? (null, Problems.BadRequest("the request body is JSON null; send a JSON object")) : (value, null);
        }
        catch (JsonException e)
        {
            return (null, Problems.BadRequest(Describe(e, typeof(T))));
        }
    }

    private static ProblemHttpResult TooLarge() =>
        Problems.Status(413, "Request body too large", $"the JSON body is larger than {StudioOptions.MaxJsonBytes / 1024} KiB");

    /// <summary>
    /// A JsonException in words a caller can act on, with the JSON path. Decided from the path, not the exception's
    /// message (the CLI strips framework message texts to resource keys to start faster).
    /// </summary>
    public static string Describe(JsonException e, Type target)
    {
        var path = string.IsNullOrEmpty(e.Path) ? "$" : e.Path;
        var accepted = target.GetProperties().Select(p => JsonNamingPolicy.CamelCase.ConvertName(p.Name)).ToList();
        if (TopLevelProperty().Match(path) is { Success: true } top)
        {
            var name = top.Groups[1].Success ? top.Groups[1].Value : top.Groups[2].Value;
            if (!accepted.Contains(name, StringComparer.OrdinalIgnoreCase))
                return $"unknown field '{name}' at {path}; accepted fields: {string.Join(", ", accepted)}";
            // Syntax errors come from the reader as a subclass; a plain JsonException is a value that didn't convert.
            if (e.GetType() == typeof(JsonException))
                return $"{path} has the wrong type or an out-of-range value";
        }
        var where = e.LineNumber is { } line ? $" (line {line + 1}, byte {e.BytePositionInLine + 1})" : "";
        return $"the body is not valid JSON near {path}{where}; check quotes, commas and brackets";
    }

    [GeneratedRegex(@"^\$(?:\.([A-Za-z0-9_]+)|\['([^']*)'\])$")]
    private static partial Regex TopLevelProperty();
}
