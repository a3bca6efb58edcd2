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
    /// Tells cached latents of this source apart from those of another view of the same folder ("" for the folder
    /// itself, so caches written before views existed stay valid).
    /// </summary>
    string CacheKey { get; }

    ClipSample Get(int index);
}
