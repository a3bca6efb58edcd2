namespace Tessera.Engine.Data;

/// <summary>Clips of one size and length that can be read one at a time: a data set folder, or a view of one.</summary>
public interface IClipSource
{
    /// <summary>The data set folder the clips come from (for messages).</summary>
    string Directory { get; }
    int Count { get; }
    int Width { get; }
    int Height { get; }
    int Frames { get; }
    double Fps { get; }

    /// <summary>
    /// Tells cached latents of clips [first, first + count) apart from those of other clips: of another view of the same
    /// folder, or of a data set rewritten or relinked in its place. It depends only on those clips, so a data set that
    /// grows keeps the cached parts of the clips it already had.
    /// </summary>
    string PartKey(int first, int count);

    ClipSample Get(int index);
}
