namespace Tessera.Engine.Data;

/// <summary>
/// Keeps decoded clips of a data set in memory after first use, so each MP4 is decoded once per run
/// rather than once per step (64×64×17 RGB is 209 KB a clip: 4,000 clips fit in under 1 GB).
/// </summary>
public sealed class DecodedClipCache(ClipDataset dataset)
{
    private readonly byte[][]?[] _frames = new byte[][]?[dataset.Count];

    public ClipDataset Dataset { get; } = dataset;
    public int Count => Dataset.Count;

    /// <summary>The clip's frames (RGB24), exactly <see cref="ClipDataset.Frames"/> of them: short clips repeat their last frame.</summary>
    public byte[][] Frames(int index)
    {
        if (_frames[index] is { } cached) return cached;
        var frames = Dataset.Get(index).FramesRgb;
        if (frames.Length < Dataset.Frames)
            frames = [.. frames, .. Enumerable.Repeat(frames[^1], Dataset.Frames - frames.Length)];
        return _frames[index] = frames;
    }
}
