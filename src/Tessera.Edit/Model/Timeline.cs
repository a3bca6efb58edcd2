namespace Tessera.Edit;

/// <summary>
/// A whole edit as data: what the output looks like and what goes on it. File paths are absolute
/// (resolved against the timeline file's folder when loaded); every item keeps the JSON path it came
/// from so that later checks (probing media, fonts) can still point at the line to fix.
/// </summary>
public sealed record Timeline(
    string SourceName,
    int Width,
    int Height,
    double Fps,
    string Background,
    IReadOnlyList<VideoTrack> Tracks,
    IReadOnlyList<TextItem> Texts,
    IReadOnlyList<AudioTrack> AudioTracks,
    AudioMix Mix)
{
    /// <summary>The first track is the main sequence; the others are overlays placed by start time.</summary>
    public VideoTrack? Main => Tracks.Count > 0 ? Tracks[0] : null;
}

/// <param name="Overlay">False for the main sequence (clips play one after another, joined by transitions);
/// true for an overlay track (each clip placed at its own start time, over what is below).</param>
public sealed record VideoTrack(string JsonPath, IReadOnlyList<Clip> Clips, bool Overlay);

/// <summary>How a clip is fitted into its box (the output frame, or a scaled box for picture-in-picture).</summary>
public enum FitMode
{
    /// <summary>Scale to fill the box and crop what overflows (e.g. a 16:9 clip cropped to 9:16).</summary>
    Cover,
    /// <summary>Scale to fit inside the box; the rest is the background colour.</summary>
    Contain,
    /// <summary>Scale to the box, ignoring aspect ratio.</summary>
    Stretch,
    /// <summary>Fit inside the box over a blurred, cover-scaled copy of itself (the usual 16:9 → 9:16 reframe).</summary>
    Blur,
}

/// <summary>One clip on a video track.</summary>
/// <param name="In">Source time where the clip starts (seconds, for video files).</param>
/// <param name="Out">Source time where it ends (null: the clip's duration decides, or the file's end).</param>
/// <param name="Duration">Time on the timeline (for images, colours, generated clips; or instead of Out).</param>
/// <param name="Speed">Playback speed: 2 plays twice as fast and lasts half as long.</param>
/// <param name="X">Horizontal centre of the clip's box, as a fraction of the output width.</param>
/// <param name="Y">Vertical centre of the box, as a fraction of the output height.</param>
/// <param name="Scale">Box size as a fraction of the output size.</param>
/// <param name="Start">Start time on the timeline (overlay tracks only).</param>
/// <param name="Transition">Transition from this clip into the next one (main track only).</param>
/// <param name="Volume">Gain on the clip's own audio (0 mutes it).</param>
public sealed record Clip(
    string JsonPath,
    ClipSource Source,
    double In,
    double? Out,
    double? Duration,
    double Speed,
    FitMode Fit,
    double X,
    double Y,
    double Scale,
    double Opacity,
    KenBurns? Motion,
    Transition? Transition,
    double Volume,
    double? Start);

/// <summary>Where a clip's pictures come from.</summary>
public abstract record ClipSource;

public sealed record VideoFileSource(string File) : ClipSource;

public sealed record ImageFileSource(string File) : ClipSource;

/// <param name="Color">An ffmpeg colour, e.g. 0xFF0000 or 0x00000080.</param>
public sealed record ColorSource(string Color) : ClipSource;

/// <summary>A clip made by the generation engine when the timeline is rendered, then cached by content.</summary>
/// <param name="FirstFrameFile">An image to start from (image-to-video), or null.</param>
/// <param name="ContinueFromPrevious">Start from the last frame of the clip before this one on the track.</param>
public sealed record GeneratedSource(
    string Prompt,
    int Seed,
    string? FirstFrameFile,
    bool ContinueFromPrevious,
    int Frames,
    double Fps,
    int Width,
    int Height) : ClipSource;

/// <summary>Keyframed zoom and pan (Ken Burns) from the start of the clip to its end.</summary>
/// <param name="ZoomFrom">1 shows the whole box; 1.5 shows two thirds of it.</param>
/// <param name="FromX">Centre of the view at the start, as a fraction of the box (0.5 = middle).</param>
public sealed record KenBurns(double ZoomFrom, double ZoomTo, double FromX, double FromY, double ToX, double ToY);

/// <param name="Kind">The ffmpeg xfade transition, e.g. fade, wipeleft, slideup, dissolve, fadeblack.</param>
public sealed record Transition(string JsonPath, string Kind, double Duration);

/// <summary>Text drawn over the video between two times (titles, and each cue of an imported SRT).</summary>
/// <param name="X">Horizontal centre as a fraction of the width.</param>
/// <param name="Y">Vertical centre as a fraction of the height.</param>
/// <param name="Size">Font size in pixels of the output.</param>
/// <param name="Outline">Outline width in pixels (0: none).</param>
/// <param name="Box">Colour of a box behind the text, or null for none.</param>
public sealed record TextItem(
    string JsonPath,
    string Text,
    double Start,
    double End,
    string FontFile,
    double Size,
    string Color,
    double Outline,
    string OutlineColor,
    double X,
    double Y,
    string? Box);

/// <summary>What an audio track is for: music is ducked under voice.</summary>
public enum AudioRole { Music, Voice, Effect }

/// <summary>An audio file placed on the timeline.</summary>
/// <param name="Start">Where it starts on the timeline.</param>
/// <param name="In">Where in the file it starts.</param>
/// <param name="Out">Where in the file it ends (null: the file's end, or the timeline's end when looping).</param>
public sealed record AudioTrack(
    string JsonPath,
    string File,
    AudioRole Role,
    double Start,
    double In,
    double? Out,
    double Volume,
    double FadeIn,
    double FadeOut,
    bool Loop);

/// <summary>How the audio is mixed.</summary>
/// <param name="ClipVolume">Gain on the clips' own audio, all together.</param>
/// <param name="Duck">Lower music while voice plays (null: no ducking).</param>
/// <param name="Loudness">Normalise the mix to this integrated loudness in LUFS (null: leave it).</param>
public sealed record AudioMix(double ClipVolume, Ducking? Duck, double? Loudness)
{
    public static readonly AudioMix Default = new(1, null, null);
}

/// <param name="Ratio">Compression ratio on the music while the voice is above the threshold.</param>
/// <param name="Threshold">Voice level (0..1 linear) above which the music is ducked.</param>
public sealed record Ducking(double Ratio, double Threshold, double AttackMs, double ReleaseMs);
