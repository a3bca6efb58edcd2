using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;
using Tessera.Studio.Api.Contracts;
using Tessera.Studio.Auth;
using Tessera.Studio.Hosting;
using Tessera.Studio.Jobs;
using Tessera.Studio.Storage;

namespace Tessera.Studio.Api;

/// <summary>/api/v1/assets: upload images, videos and audio (kind decided from the bytes); stream them back with Range.</summary>
public static class AssetsApi
{
    public static RouteGroupBuilder MapAssetsUpload(this RouteGroupBuilder api)
    {
        api.MapPost("/assets", Upload).WithTags("Assets")
            .Accepts<IFormFile>("multipart/form-data")
            .ProducesProblem(400).ProducesProblem(401).ProducesProblem(413).ProducesProblem(415)
            .WithSummary("Upload an image, video or audio file (multipart, one file)")
            .WithDescription("The type is decided from the file's content, not its name. Equal files get the same id.")
            .DisableAntiforgery();
        return api;
    }

    /// <summary>Outside the key-protected group: a signed URL (what the API hands out) opens without a key.</summary>
    public static IEndpointRouteBuilder MapAssetsDownload(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/assets/{id}", Download).WithTags("Assets")
            .ProducesProblem(401).ProducesProblem(404)
            .WithSummary("Stream an asset (Range requests supported)")
            .WithDescription("Needs the Authorization header, or the sig parameter of a URL the API returned. ?download=1 saves it as a file.")
            .RequireRateLimiting(StudioRateLimits.Api);
        return app;
    }

    private static async Task<Results<Ok<AssetView>, ProblemHttpResult>> Upload(
        HttpContext http, IBlobStore blobs, IJobStore store, AssetUrls urls, StudioOptions options)
    {
        var request = http.Request;
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var type) || !type.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
            || HeaderUtilities.RemoveQuotes(type.Boundary).Value is not { Length: > 0 and <= 200 } boundary)
            return Problems.Status(415, "Unsupported media type", "upload the file as multipart/form-data with one part named 'file'");
        if (request.ContentLength > options.MaxUploadBytes + 64 * 1024)
            return TooLarge(options.MaxUploadBytes);
        try
        {
            var reader = new MultipartReader(boundary, request.Body) { HeadersLengthLimit = 16 * 1024 };
            while (await reader.ReadNextSectionAsync(http.RequestAborted) is { } section)
            {
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition) || !disposition.IsFileDisposition())
                    continue;
                MediaSniffer.Sniffed? sniffed = null;
                var blob = await blobs.PutAsync(section.Body, options.MaxUploadBytes, head =>
                    (sniffed = MediaSniffer.Sniff(head)) is null
                        ? new UnsupportedUpload("the file is not an image (PNG, JPEG, GIF, WebP), video (MP4, MOV, WebM) or audio (MP3, WAV, OGG, FLAC, M4A) — its content says otherwise, whatever its name")
                        : null, http.RequestAborted);
                var name = SafeName(HeaderUtilities.RemoveQuotes(disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName).Value, sniffed!.Extension);
                var asset = new AssetRecord(blob.Id, sniffed.Kind, sniffed.MediaType, blob.Size, name, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
                await store.PutAssetAsync(asset, http.RequestAborted);
                var stored = await store.GetAssetAsync(blob.Id, http.RequestAborted) ?? asset;
                return TypedResults.Ok(new AssetView(stored.Id, stored.Kind, stored.MediaType, stored.Size, stored.Name, urls.Url(stored.Id)));
            }
            return Problems.BadRequest("the multipart body has no file part; send the file in a part named 'file' with a filename");
        }
        catch (BlobTooLargeError)
        {
            return TooLarge(options.MaxUploadBytes);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == 413)
        {
            return TooLarge(options.MaxUploadBytes);
        }
        catch (UnsupportedUpload e)
        {
            return Problems.Status(415, "Unsupported file type", e.Message);
        }
        catch (InvalidDataException e)
        {
            return Problems.BadRequest($"the multipart body is malformed: {e.Message}");
        }
        catch (IOException e) when (e.InnerException is null && !http.RequestAborted.IsCancellationRequested)
        {
            return Problems.BadRequest($"the multipart body ended early: {e.Message}");
        }
    }

    private static async Task<Results<PhysicalFileHttpResult, ProblemHttpResult>> Download(
        string id, string? sig, string? download, HttpContext http, IBlobStore blobs, IJobStore store, AssetUrls urls, CallerResolver callers)
    {
        if (!BlobId.IsValid(id)) return Problems.NotFound($"'{(id.Length > 70 ? id[..70] + "…" : id)}' is not an asset id (64 hex digits)");
        if (!urls.IsValid(id, sig))
        {
            var (caller, problem) = await callers.ResolveAsync(http);
            if (caller is null)
            {
                http.Response.Headers.WWWAuthenticate = "Bearer";
                return Problems.Status(401, "Unauthorized", problem!);
            }
        }
        var asset = await store.GetAssetAsync(id, http.RequestAborted);
        if (asset is null || blobs.Locate(id) is not { } path) return Problems.NotFound($"no asset {id}");
        // Content never changes under an id: let browsers and proxies keep it.
        http.Response.Headers.CacheControl = "private, max-age=31536000, immutable";
        return TypedResults.PhysicalFile(path, asset.MediaType, download is "1" or "true" ? asset.Name : null,
            entityTag: new EntityTagHeaderValue($"\"{id}\""), enableRangeProcessing: true);
    }

    /// <summary>A download name only: no folders, no control or reserved characters, the sniffed extension.</summary>
    public static string SafeName(string? name, string extension)
    {
        var leaf = (name ?? "").Replace('\\', '/').Split('/').LastOrDefault() ?? "";
        var clean = new string(leaf.Where(c => !char.IsControl(c) && c is not ('"' or '<' or '>' or '|' or ':' or '*' or '?')).ToArray()).Trim().TrimStart('.');
        var stem = Path.GetFileNameWithoutExtension(clean);
        if (stem.Length > 80) stem = stem[..80];
        return (stem.Length == 0 ? "file" : stem) + extension;
    }

    private static ProblemHttpResult TooLarge(long max) =>
        Problems.Status(413, "Upload too large", $"the upload is larger than the limit of {max:N0} bytes; send a smaller file");

    private sealed class UnsupportedUpload(string message) : Exception(message);
}
