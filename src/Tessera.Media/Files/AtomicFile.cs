namespace Tessera.Media;

/// <summary>
/// Writes go to a temp file beside the target and are renamed over it only on success, so a crash
/// or an error never leaves a half-written output where the user expects a finished one.
/// </summary>
public sealed class AtomicFile : IDisposable
{
    private bool _committed;

    public string FinalPath { get; }
    public string TempPath { get; }

    public AtomicFile(string finalPath)
    {
        FinalPath = Path.GetFullPath(finalPath);
        var dir = Path.GetDirectoryName(FinalPath)!;
        if (!Directory.Exists(dir))
            throw new TesseraError($"output folder does not exist: {dir}; create it first");
        // Keep the extension last: ffmpeg picks the container from it.
        TempPath = Path.Combine(dir, $".{Path.GetFileNameWithoutExtension(FinalPath)}.tmp-{Environment.ProcessId}-{Guid.NewGuid():N}{Path.GetExtension(FinalPath)}");
    }

    public void Commit()
    {
        File.Move(TempPath, FinalPath, overwrite: true);
        _committed = true;
    }

    /// <summary>Writes all bytes atomically.</summary>
    public static void WriteAllBytes(string path, ReadOnlySpan<byte> bytes)
    {
        using var f = new AtomicFile(path);
        File.WriteAllBytes(f.TempPath, bytes.ToArray());
        f.Commit();
    }

    /// <summary>Writes text atomically (UTF-8, no BOM).</summary>
    public static void WriteAllText(string path, string text)
    {
        using var f = new AtomicFile(path);
        File.WriteAllText(f.TempPath, text);
        f.Commit();
    }

    public void Dispose()
    {
        if (!_committed)
        {
            try { File.Delete(TempPath); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }
}
