namespace Tessera.Edit;

/// <summary>
/// A timeline checked against its media and laid out in whole frames and samples: what the renderer
/// turns into one ffmpeg filter graph. Counting in frames (not seconds) is what makes cuts exact and
/// keeps the audio, counted in samples per frame, from drifting.
/// </summary>
public sealed record RenderPlan(
    Timeline Timeline,
    IReadOnlyList<IReadOnlyList<PlannedClip>> Tracks,
    IReadOnlyList<PlannedAudio> Audio,
    int TotalFrames)
{
    public const int SampleRate = 48000;

    public double DurationSeconds => TotalFrames / Timeline.Fps;

    /// <summary>The sample where frame <paramref name="frame"/> starts (rounded, never accumulating error).</summary>
    public long SampleAt(long frame) => (long)Math.Round(frame * (double)SampleRate / Timeline.Fps);
}

/// <summary>One clip laid out on the timeline.</summary>
/// <param name="MediaFile">The file its pictures come from (null for a colour; set for a generated clip once generated).</param>
/// <param name="HasAudio">The file has an audio stream that the mix should use.</param>
/// <param name="SourceIn">Where reading starts in the file (seconds).</param>
/// <param name="SourceSeconds">How much of the file is read (seconds, before speed).</param>
/// <param name="StartFrame">First frame on the timeline.</param>
/// <param name="Frames">Frames on the timeline.</param>
/// <param name="TransitionFrames">Frames shared with the next clip (main track).</param>
/// <param name="AudioChannels">Channels of the file's audio stream (0 without one).</param>
public sealed record PlannedClip(
    Clip Clip,
    string? MediaFile,
    bool HasAudio,
    double SourceIn,
    double SourceSeconds,
    int StartFrame,
    int Frames,
    int TransitionFrames,
    int AudioChannels = 2);

/// <summary>An audio track laid out in samples.</summary>
/// <param name="SourceSeconds">Seconds read from the file (looping if needed).</param>
/// <param name="Channels">Channels of the file's audio stream.</param>
public sealed record PlannedAudio(AudioTrack Track, long StartSample, long Samples, double SourceSeconds, int Channels = 2);
