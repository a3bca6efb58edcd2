using System.Globalization;
using Tessera.Media;

namespace Tessera.Edit;

/// <summary>
/// Checks a timeline against its media before anything renders (files exist and are media, in/out
/// points inside the files, transitions fit their clips, the output is of a sane size) and lays it
/// out in frames. All problems are collected and thrown together, each with its JSON path.
/// </summary>
public static class TimelineValidator
{
    /// <summary>The most pixels one render may produce: 1 hour of 4K at 60 fps.</summary>
    public const double MaxOutputPixels = 3840.0 * 2160 * 60 * 3600;
    public const double MaxDurationSeconds = 6 * 3600;

    public static RenderPlan Plan(Timeline timeline, bool canGenerate)
    {
        var problems = new ProblemList();
        var fps = timeline.Fps;
        var probes = ProbeAll(timeline);
        var tracks = new List<IReadOnlyList<PlannedClip>>();
        var totalFrames = 0;

        foreach (var track in timeline.Tracks)
        {
            var planned = new List<PlannedClip>();
            var cursor = 0;
            for (var i = 0; i < track.Clips.Count; i++)
            {
                var clip = track.Clips[i];
                var p = PlanClip(clip, fps, probes, problems, canGenerate, isFirst: i == 0);
                if (p is null) continue;
                var start = track.Overlay ? (int)Math.Round((clip.Start ?? 0) * fps) : cursor;
                p = p with { StartFrame = start };
                if (!track.Overlay) cursor = start + p.Frames;
                planned.Add(p);
            }
            if (!track.Overlay) CheckTransitions(track, planned, fps, problems);
            // Recompute starts now that transition overlaps are known.
            if (!track.Overlay)
            {
                var at = 0;
                for (var i = 0; i < planned.Count; i++)
                {
                    planned[i] = planned[i] with { StartFrame = at };
                    at += planned[i].Frames - planned[i].TransitionFrames;
                }
                cursor = planned.Count > 0 ? planned[^1].StartFrame + planned[^1].Frames : 0;
            }
            else cursor = planned.Count == 0 ? 0 : planned.Max(c => c.StartFrame + c.Frames);
            totalFrames = Math.Max(totalFrames, cursor);
            tracks.Add(planned);
        }

        if (timeline.Tracks.Sum(t => t.Clips.Count) == 0)
            problems.Add("$", "the timeline has no video clips; add clips to \"tracks\"");

        var seconds = totalFrames / fps;
        var pixels = (double)timeline.Width * timeline.Height * totalFrames;
        if (seconds > MaxDurationSeconds || pixels > MaxOutputPixels)
            problems.Add("$", string.Create(CultureInfo.InvariantCulture,
                $"the output would be {seconds / 3600:0.##} h of {timeline.Width}x{timeline.Height} at {fps:0.###} fps ({totalFrames:N0} frames, {pixels / 1e12:0.##} Tpx); " +
                $"the limit is {MaxDurationSeconds / 3600:0} h and {MaxOutputPixels / 1e12:0.##} Tpx (1 h of 4K at 60 fps): render it in parts or at a smaller size"));

        foreach (var text in timeline.Texts)
            if (text.Start * fps >= totalFrames && totalFrames > 0)
                problems.Add(text.JsonPath, $"starts at {Fmt(text.Start)} s, after the video ends ({Fmt(seconds)} s)");

        var audio = new List<PlannedAudio>();
        foreach (var track in timeline.AudioTracks)
            if (PlanAudio(track, timeline, totalFrames, probes, problems) is { } a) audio.Add(a);

        problems.ThrowIfAny(timeline.SourceName);
        return new RenderPlan(timeline, tracks, audio, totalFrames);
    }

    private static PlannedClip? PlanClip(Clip clip, double fps, Dictionary<string, (MediaInfo? Info, string? Error)> probes, ProblemList problems, bool canGenerate, bool isFirst)
    {
        switch (clip.Source)
        {
            case VideoFileSource v:
            {
                var info = Probe(v.File, SourcePath(clip, "video"), probes, problems);
                if (info is null) return null;
                if (info.Video is null) { problems.Add(SourcePath(clip, "video"), $"{v.File}: has no video stream"); return null; }
                var length = info.Video.DurationSeconds ?? info.DurationSeconds;
                var slack = 0.5 / (info.Video.Fps ?? fps);
                if (clip.In >= length) { problems.Add($"{clip.JsonPath}.in", $"in point {Fmt(clip.In)} s is at or past the end of {Path.GetFileName(v.File)} ({Fmt(length)} s)"); return null; }
                var outPoint = clip.Out ?? (clip.Duration is { } d ? clip.In + d * clip.Speed : length);
                if (outPoint > length + slack)
                {
                    var field = clip.Out is not null ? "out" : "duration";
                    problems.Add($"{clip.JsonPath}.{field}", $"out point {Fmt(outPoint)} s is past the end of {Path.GetFileName(v.File)} ({Fmt(length)} s)");
                    return null;
                }
                outPoint = Math.Min(outPoint, length);
                return Frames(clip, fps, (outPoint - clip.In) / clip.Speed, problems) is { } n
                    ? new PlannedClip(clip, v.File, info.Audio is not null, clip.In, outPoint - clip.In, 0, n, 0, info.Audio?.Channels ?? 0) : null;
            }
            case ImageFileSource img:
            {
                var info = Probe(img.File, SourcePath(clip, "image"), probes, problems);
                if (info is null) return null;
                if (info.Video is null) { problems.Add(SourcePath(clip, "image"), $"{img.File}: is not an image"); return null; }
                return Frames(clip, fps, clip.Duration ?? 0, problems) is { } n ? new PlannedClip(clip, img.File, false, 0, n / fps, 0, n, 0) : null;
            }
            case ColorSource:
                return Frames(clip, fps, clip.Duration ?? 0, problems) is { } c ? new PlannedClip(clip, null, false, 0, c / fps, 0, c, 0) : null;
            case GeneratedSource g:
            {
                if (!canGenerate)
                    problems.Add($"{clip.JsonPath}.generate", "this clip is generated by the engine, but no generation engine is available to this renderer; " +
                        "generate it first (tessera generate \"PROMPT\" --output clip.mp4) and use {\"video\": \"clip.mp4\"}");
                if (g.ContinueFromPrevious && isFirst)
                    problems.Add($"{clip.JsonPath}.generate.firstFrame", "\"previous\" needs a clip before this one on the same track");
                if (g.FirstFrameFile is { } ff && !File.Exists(ff))
                    problems.Add($"{clip.JsonPath}.generate.firstFrame", $"image not found: {ff}");
                var natural = g.Frames / g.Fps;
                var seconds = clip.Duration ?? natural / clip.Speed;
                return Frames(clip, fps, seconds, problems) is { } n ? new PlannedClip(clip, null, false, 0, Math.Min(natural, seconds * clip.Speed), 0, n, 0) : null;
            }
            default:
                return null;
        }
    }

    private static int? Frames(Clip clip, double fps, double seconds, ProblemList problems)
    {
        var n = (int)Math.Round(seconds * fps);
        if (seconds <= 0 || n < 1)
        {
            problems.Add(clip.JsonPath, $"lasts {Fmt(seconds)} s, less than one frame at {Fmt(fps)} fps");
            return null;
        }
        if (seconds > MaxDurationSeconds * 2) return (int)(MaxDurationSeconds * 2 * fps); // reported by the size check
        return n;
    }

    private static void CheckTransitions(VideoTrack track, List<PlannedClip> planned, double fps, ProblemList problems)
    {
        // A failed clip leaves a gap in "planned"; transitions are checked only when the neighbours planned fine.
        if (planned.Count != track.Clips.Count) return;
        for (var i = 0; i < planned.Count; i++)
        {
            var t = planned[i].Clip.Transition;
            if (t is null) continue;
            if (i == planned.Count - 1)
            {
                problems.Add(t.JsonPath, "the last clip has no next clip to transition into; remove the transition or fade the audio/opacity instead");
                continue;
            }
            var tf = (int)Math.Round(t.Duration * fps);
            if (tf < 1) { problems.Add(t.JsonPath, $"lasts less than one frame at {Fmt(fps)} fps"); continue; }
            var incoming = i > 0 ? planned[i - 1].TransitionFrames : 0;
            if (tf + incoming > planned[i].Frames)
                problems.Add(t.JsonPath, incoming > 0
                    ? $"this {Fmt(t.Duration)} s transition and the {Fmt(incoming / fps)} s one into the clip overlap: together they are longer than the clip ({Fmt(planned[i].Frames / fps)} s)"
                    : $"the {Fmt(t.Duration)} s transition is longer than the clip ({Fmt(planned[i].Frames / fps)} s)");
            else if (tf > planned[i + 1].Frames)
                problems.Add(t.JsonPath, $"the {Fmt(t.Duration)} s transition is longer than the next clip ({Fmt(planned[i + 1].Frames / fps)} s)");
            else planned[i] = planned[i] with { TransitionFrames = tf };
        }
    }

    private static PlannedAudio? PlanAudio(AudioTrack track, Timeline timeline, int totalFrames, Dictionary<string, (MediaInfo? Info, string? Error)> probes, ProblemList problems)
    {
        var info = Probe(track.File, track.JsonPath.StartsWith("$.audioFilePath", StringComparison.Ordinal) ? track.JsonPath : $"{track.JsonPath}.{(track.JsonPath.Contains("audioTracks", StringComparison.Ordinal) || track.JsonPath.Contains("layers", StringComparison.Ordinal) ? "path" : "file")}", probes, problems);
        if (info is null) return null;
        if (info.Audio is null) { problems.Add(track.JsonPath, $"{track.File}: has no audio stream"); return null; }
        var length = info.Audio.DurationSeconds ?? info.DurationSeconds;
        if (track.In >= length) { problems.Add($"{track.JsonPath}.in", $"in point {Fmt(track.In)} s is at or past the end of {Path.GetFileName(track.File)} ({Fmt(length)} s)"); return null; }
        if (track.Out is { } o && o > length + 0.05)
        {
            problems.Add($"{track.JsonPath}.out", $"out point {Fmt(o)} s is past the end of {Path.GetFileName(track.File)} ({Fmt(length)} s)");
            return null;
        }
        var total = totalFrames / timeline.Fps;
        if (track.Start >= total && totalFrames > 0)
        {
            problems.Add($"{track.JsonPath}.start", $"starts at {Fmt(track.Start)} s, after the video ends ({Fmt(total)} s)");
            return null;
        }
        var available = track.Loop ? total - track.Start : Math.Min((track.Out ?? length) - track.In, total - track.Start);
        if (track.FadeIn + track.FadeOut > available + 1e-6)
            problems.Add(track.JsonPath, $"fadeIn + fadeOut ({Fmt(track.FadeIn + track.FadeOut)} s) are longer than the {Fmt(available)} s it plays");
        var startSample = (long)Math.Round(track.Start * RenderPlan.SampleRate);
        var samples = (long)Math.Round(available * RenderPlan.SampleRate);
        return new PlannedAudio(track, startSample, Math.Max(1, samples), available, info.Audio.Channels ?? 2);
    }

    /// <summary>
    /// Probes every distinct media file of the timeline at once (a few ffprobe processes side by side):
    /// on a busy machine, starting processes one after another is most of the time a check takes.
    /// </summary>
    private static Dictionary<string, (MediaInfo? Info, string? Error)> ProbeAll(Timeline timeline)
    {
        var files = timeline.Tracks.SelectMany(t => t.Clips).Select(c => c.Source switch
        {
            VideoFileSource v => v.File, ImageFileSource i => i.File, _ => null,
        }).Concat(timeline.AudioTracks.Select(a => a.File)).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        var results = new System.Collections.Concurrent.ConcurrentDictionary<string, (MediaInfo?, string?)>(StringComparer.Ordinal);
        Parallel.ForEach(files, new ParallelOptions { MaxDegreeOfParallelism = 4 }, file =>
        {
            try
            {
                results[file] = (MediaProbeCache.Probe(file), null);
            }
            catch (MediaError e)
            {
                results[file] = (null, e.Message.Contains("not found", StringComparison.Ordinal) ? $"file not found: {file}" : e.Message);
            }
        });
        return new Dictionary<string, (MediaInfo?, string?)>(results, StringComparer.Ordinal);
    }

    private static MediaInfo? Probe(string file, string path, Dictionary<string, (MediaInfo? Info, string? Error)> probes, ProblemList problems)
    {
        if (!probes.TryGetValue(file, out var known))
        {
            known = (null, $"file not found: {file}");
            try { known = (MediaProbeCache.Probe(file), null); }
            catch (MediaError e) { known = (null, e.Message); }
            probes[file] = known;
        }
        if (known.Error is not null) problems.Add(path, known.Error);
        return known.Info;
    }

    private static string SourcePath(Clip clip, string field) => clip.JsonPath.Contains(".layers", StringComparison.Ordinal) ? $"{clip.JsonPath}.path" : $"{clip.JsonPath}.{field}";

    private static string Fmt(double d) => JsonObjectReader.Fmt(Math.Round(d, 3));
}
