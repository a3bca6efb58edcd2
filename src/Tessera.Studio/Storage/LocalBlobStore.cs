using System.Security.Cryptography;

namespace Tessera.Studio.Storage;

/// <summary>
/// Blobs under DATA/blobs/ab/abcdef… (the first two hex digits fan out the folder). Writes go to
/// DATA/blobs/incoming/ first and are renamed into place once hashed, so a reader never sees a partial blob and
/// an interrupted upload leaves nothing behind but a temp file that the next start removes.
/// </summary>
public sealed class LocalBlobStore : IBlobStore
{
    private const int HeadBytes = 64;
    private readonly string _root;
    private readonly string _incoming;

    public LocalBlobStore(string dataDir)
    {
        _root = Path.Combine(Path.GetFullPath(dataDir), "blobs");
        _incoming = Path.Combine(_root, "incoming");
        Directory.CreateDirectory(_incoming);
    }

    /// <summary>Removes temp files left by a crash. Only call when no other process is writing here.</summary>
    public void RemoveLeftovers()
    {
        foreach (var f in Directory.EnumerateFiles(_incoming))
            if (File.GetLastWriteTimeUtc(f) < DateTime.UtcNow.AddHours(-1)) File.Delete(f);
    }

    public async Task<StoredBlob> PutAsync(Stream content, long maxBytes, Func<byte[], Exception?>? inspectHead = null, CancellationToken ct = default)
    {
        var temp = Path.Combine(_incoming, Guid.NewGuid().ToString("N"));
        try
        {
            using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            var head = new List<byte>(HeadBytes);
            long size = 0;
            await using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
            {
                var buffer = new byte[1 << 16];
                int n;
                while ((n = await content.ReadAsync(buffer, ct)) > 0)
                {
                    size += n;
                    if (size > maxBytes) throw new BlobTooLargeError(maxBytes);
                    if (head.Count < HeadBytes) head.AddRange(buffer.AsSpan(0, Math.Min(n, HeadBytes - head.Count)).ToArray());
                    sha.AppendData(buffer, 0, n);
                    await file.WriteAsync(buffer.AsMemory(0, n), ct);
                }
                await file.FlushAsync(ct);
            }
            byte[] headBytes = [.. head];
            if (inspectHead?.Invoke(headBytes) is { } refused) throw refused;
            var id = Convert.ToHexStringLower(sha.GetHashAndReset());
            Commit(temp, id);
            return new StoredBlob(id, size, headBytes);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }

    public async Task<StoredBlob> PutFileAsync(string path, CancellationToken ct = default)
    {
        await using var source = File.OpenRead(path);
        return await PutAsync(source, long.MaxValue, null, ct);
    }

    public string? Locate(string id)
    {
        if (!BlobId.IsValid(id)) return null;
        var path = PathOf(id);
        return File.Exists(path) ? path : null;
    }

    private string PathOf(string id) => Path.Combine(_root, id[..2], id);

    private void Commit(string temp, string id)
    {
        var final = PathOf(id);
        if (File.Exists(final)) return; // same bytes already stored: content addressing makes this a no-op
        Directory.CreateDirectory(Path.GetDirectoryName(final)!);
        try
        {
            File.Move(temp, final, overwrite: false);
        }
        catch (IOException) when (File.Exists(final))
        {
            // Another writer stored the same content a moment earlier.
        }
    }
}
