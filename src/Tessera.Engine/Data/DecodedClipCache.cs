namespace Tessera.Engine.Data;

/// <summary>
/// Keeps decoded clips of a data set in memory after first use, so each MP4 is decoded once per run
/// rather than once per step (64×64×17 RGB is 209 KB a clip: 4,000 clips fit in under 1 GB).
/// If the data set folder holds <c>decoded-WxHxF.u8</c> (every clip's frames, RGB24, in index order,
/// as <see cref="WriteRawFile"/> writes it), clips are taken from it instead of ffmpeg: machines without
/// ffmpeg can train, and a rerun skips decoding.
/// </summary>
public sealed class DecodedClipCache
{
    private readonly byte[][]?[] _frames;
    private readonly string _rawPath;
    private readonly int _rawClips;

    public ClipDataset Dataset { get; }
    public int Count => Dataset.Count;
    private int ClipBytes => Dataset.Frames * Dataset.Width * Dataset.Height * 3;

    public DecodedClipCache(ClipDataset dataset)
    {
        Dataset = dataset;
        _frames = new byte[][]?[dataset.Count];
        _rawPath = Path.Combine(dataset.Directory, RawFileName(dataset));
        _rawClips = File.Exists(_rawPath) ? (int)Math.Min(dataset.Count, new FileInfo(_rawPath).Length / ClipBytes) : 0;
    }

    public static string RawFileName(ClipDataset ds) => $"decoded-{ds.Width}x{ds.Height}x{ds.Frames}.u8";

    /// <summary>The clip's frames (RGB24), exactly <see cref="ClipDataset.Frames"/> of them: short clips repeat their last frame.</summary>
    public byte[][] Frames(int index)
    {
        if (_frames[index] is { } cached) return cached;
        byte[][] frames;
        if (index < _rawClips) frames = ReadRaw(index);
        else
        {
            frames = Dataset.Get(index).FramesRgb;
            if (frames.Length < Dataset.Frames)
                frames = [.. frames, .. Enumerable.Repeat(frames[^1], Dataset.Frames - frames.Length)];
        }
        return _frames[index] = frames;
    }

    private byte[][] ReadRaw(int index)
    {
        var frameBytes = Dataset.Width * Dataset.Height * 3;
        using var f = new FileStream(_rawPath, FileMode.Open, FileAccess.Read, FileShare.Read);
        f.Position = (long)index * ClipBytes;
        var frames = new byte[Dataset.Frames][];
        for (var t = 0; t < frames.Length; t++)
        {
            frames[t] = new byte[frameBytes];
            f.ReadExactly(frames[t]);
        }
        return frames;
    }

    /// <summary>Decodes every clip (through ffmpeg) into the raw file beside dataset.json; returns its path.</summary>
    public string WriteRawFile()
    {
        using var file = new Tessera.Media.AtomicFile(_rawPath);
        using (var f = new FileStream(file.TempPath, FileMode.CreateNew, FileAccess.Write))
            for (var i = 0; i < Count; i++)
                foreach (var frame in Frames(i)) f.Write(frame);
        file.Commit();
        return _rawPath;
    }
}
