namespace Tessera.Studio.Storage;

/// <summary>
/// Where file bytes live, addressed by the SHA-256 of their content. Pluggable: local disk now; an object store
/// would implement the same three calls. Ids are checked to be 64 lowercase hex digits before any use, so no
/// name a user sends can ever reach a path.
/// </summary>
public interface IBlobStore
{
    /// <summary>
    /// Copies the stream in, hashing as it goes; throws <see cref="BlobTooLargeError"/> past <paramref name="maxBytes"/>.
    /// <paramref name="inspectHead"/> sees the first bytes before anything is kept and may refuse by returning an error.
    /// </summary>
    Task<StoredBlob> PutAsync(Stream content, long maxBytes, Func<byte[], Exception?>? inspectHead = null, CancellationToken ct = default);

    /// <summary>Moves (or copies) a finished local file in, e.g. a worker's output.</summary>
    Task<StoredBlob> PutFileAsync(string path, CancellationToken ct = default);

    /// <summary>A local path to read the blob from, or null when it is not stored.</summary>
    string? Locate(string id);
}

/// <summary>A stored blob: its id (SHA-256 hex), size, and the first bytes (for content sniffing).</summary>
public sealed record StoredBlob(string Id, long Size, byte[] Head);

/// <summary>An upload passed the size limit; the partial copy has been removed.</summary>
public sealed class BlobTooLargeError(long maxBytes)
    : Tessera.Media.TesseraError($"the upload is larger than the limit of {maxBytes:N0} bytes; send a smaller file")
{
    public long MaxBytes { get; } = maxBytes;
}
