namespace Tessera.Edit;

/// <summary>How to encode a render.</summary>
/// <param name="Preview">Fast and small: at most 640 px on the long side, x264 ultrafast. For checking an edit, not for delivery.</param>
/// <param name="Preset">x264 preset (ultrafast … veryslow).</param>
/// <param name="Crf">x264 constant rate factor: lower is better and bigger; 18 is visually lossless.</param>
/// <param name="AudioBitrateKbps">AAC bitrate.</param>
public sealed record RenderOptions(bool Preview = false, string Preset = "medium", int Crf = 18, int AudioBitrateKbps = 128)
{
    public static readonly RenderOptions Default = new();

    /// <summary>The largest side of a preview render.</summary>
    public const int PreviewMaxSide = 640;

    public static readonly string[] Presets =
        ["ultrafast", "superfast", "veryfast", "faster", "fast", "medium", "slow", "slower", "veryslow"];
}
