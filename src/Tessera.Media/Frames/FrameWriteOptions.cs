namespace Tessera.Media;

/// <summary>How to encode RGB24 frames into an H.264 MP4.</summary>
/// <param name="Width">Frame width in pixels.</param>
/// <param name="Height">Frame height in pixels.</param>
/// <param name="Fps">Frames per second.</param>
/// <param name="Crf">x264 quality: 0 lossless, 18 visually lossless, 23 default, 51 worst.</param>
/// <param name="Preset">x264 speed/size trade-off (ultrafast … veryslow).</param>
/// <param name="AudioPath">Optional audio file muxed in (AAC), cut to the video's length.</param>
/// <param name="Metadata">Container tags (title, comment, …) written into the MP4.</param>
public sealed record FrameWriteOptions(
    int Width,
    int Height,
    double Fps,
    int Crf = 18,
    string Preset = "medium",
    string? AudioPath = null,
    IReadOnlyDictionary<string, string>? Metadata = null)
{
    public static readonly string[] Presets =
        ["ultrafast", "superfast", "veryfast", "faster", "fast", "medium", "slow", "slower", "veryslow"];

    internal void Validate()
    {
        if (Width < 1 || Height < 1 || Width > FrameReader.MaxSide || Height > FrameReader.MaxSide)
            throw new MediaError($"frame size {Width}x{Height} is outside 1..{FrameReader.MaxSide}");
        if (!(Fps > 0) || Fps > 1000) throw new MediaError($"fps must be in (0, 1000], got {Fps}");
        if (Crf is < 0 or > 51) throw new MediaError($"crf must be 0..51, got {Crf}");
        if (!Presets.Contains(Preset)) throw new MediaError($"unknown x264 preset '{Preset}'; use one of {string.Join(", ", Presets)}");
        if (AudioPath is not null) MediaProbe.RequireReadableFile(AudioPath);
    }
}
