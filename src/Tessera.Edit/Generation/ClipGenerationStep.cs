using System.Globalization;
using Tessera.Media;

namespace Tessera.Edit;

/// <summary>
/// Before rendering: makes every generated clip of a plan (or finds it in the cache) in timeline
/// order, so "continue from the previous clip" can hand the generator the previous clip's last frame.
/// </summary>
internal static class ClipGenerationStep
{
    public static RenderPlan Run(RenderPlan plan, IClipGenerator? generator, GeneratedClipCache cache, string workDir, CancellationToken ct)
    {
        if (!plan.Tracks.SelectMany(t => t).Any(c => c.Clip.Source is GeneratedSource)) return plan;
        if (generator is null) throw new TesseraError("the timeline has generated clips but no generation engine is available", 2);
        var tracks = new List<IReadOnlyList<PlannedClip>>();
        foreach (var track in plan.Tracks)
        {
            var clips = track.ToList();
            for (var i = 0; i < clips.Count; i++)
            {
                if (clips[i].Clip.Source is not GeneratedSource g) continue;
                ct.ThrowIfCancellationRequested();
                var firstFrame = g.FirstFrameFile;
                if (g.ContinueFromPrevious)
                {
                    firstFrame = Path.Combine(workDir, $"first-frame-{tracks.Count}-{i}.png");
                    LastFrame(clips[i - 1], plan.Timeline, firstFrame);
                }
                var spec = new ClipGenerationSpec(g.Prompt, g.Seed, firstFrame, g.Width, g.Height, g.Frames, g.Fps);
                var file = cache.GetOrGenerate(spec, generator, $"{clips[i].Clip.JsonPath}.generate", ct);
                var info = MediaProbe.Probe(file);
                var length = info.Video?.DurationSeconds ?? info.DurationSeconds;
                clips[i] = clips[i] with
                {
                    MediaFile = file, HasAudio = info.Audio is not null, AudioChannels = info.Audio?.Channels ?? 0,
                    SourceSeconds = Math.Min(length, clips[i].Frames / plan.Timeline.Fps * clips[i].Clip.Speed),
                };
            }
            tracks.Add(clips);
        }
        return plan with { Tracks = tracks };
    }

    /// <summary>Writes the last picture <paramref name="clip"/> shows to a PNG, at the source's own size.</summary>
    private static void LastFrame(PlannedClip clip, Timeline timeline, string png)
    {
        var inv = CultureInfo.InvariantCulture;
        List<string> args = ["-nostdin", "-v", "error", "-y"];
        switch (clip.Clip.Source)
        {
            case ColorSource color:
                args.AddRange(["-f", "lavfi", "-i", $"color=c={color.Color}:s={timeline.Width}x{timeline.Height}", "-frames:v", "1"]);
                break;
            case ImageFileSource img:
                args.AddRange(["-i", img.File, "-frames:v", "1"]);
                break;
            default:
            {
                var file = clip.MediaFile ?? throw new TesseraError($"{clip.Clip.JsonPath}: has no media to continue from", 1);
                var end = clip.SourceIn + clip.SourceSeconds;
                var from = Math.Max(clip.SourceIn, end - 1.0);
                // Decode the last second up to the out point; -update keeps overwriting, so the last frame remains.
                args.AddRange(["-ss", from.ToString("R", inv), "-i", file, "-t", (end - from).ToString("R", inv), "-map", "0:v:0", "-update", "1"]);
                break;
            }
        }
        args.AddRange(["-f", "image2", "-c:v", "png", png]);
        using var child = ChildProcess.Start(FfmpegTools.Ffmpeg, args, TimeSpan.FromMinutes(2));
        child.StandardOutput.CopyTo(Stream.Null);
        if (child.WaitForExit() != 0 || !File.Exists(png))
            throw new MediaError($"{clip.Clip.JsonPath}: could not read its last frame to continue from ({child.LastErrorLine()})", 1);
    }
}
