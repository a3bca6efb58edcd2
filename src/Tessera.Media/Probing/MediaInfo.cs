namespace Tessera.Media;

/// <summary>What ffprobe says about a media file, reduced to what Tessera uses.</summary>
public sealed record MediaInfo(
    string Path,
    string Format,
    double DurationSeconds,
    long SizeBytes,
    IReadOnlyList<StreamInfo> Streams)
{
    /// <summary>The first video stream, or null for audio-only files.</summary>
    public StreamInfo? Video => Streams.FirstOrDefault(s => s.Kind == "video");

    /// <summary>The first audio stream, or null.</summary>
    public StreamInfo? Audio => Streams.FirstOrDefault(s => s.Kind == "audio");
}

/// <summary>One stream of a media file. Video fields are null for audio and the other way round.</summary>
public sealed record StreamInfo(
    int Index,
    string Kind,
    string Codec,
    double? DurationSeconds,
    int? Width,
    int? Height,
    double? Fps,
    long? FrameCount,
    string? PixelFormat,
    int Rotation,
    int? SampleRate,
    int? Channels)
{
    /// <summary>Width and height as displayed, after the rotation a phone recorded.</summary>
    public (int Width, int Height)? DisplaySize =>
        Width is { } w && Height is { } h ? (Math.Abs(Rotation) % 180 == 90 ? (h, w) : (w, h)) : null;
}
