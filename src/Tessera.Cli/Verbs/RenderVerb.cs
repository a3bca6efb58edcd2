using System.CommandLine;
using System.Globalization;
using Tessera.Cli.Terminal;
using Tessera.Edit;
using Tessera.Media;

namespace Tessera.Cli.Verbs;

/// <summary>
/// <c>tessera render TIMELINE.json|SPEC.json5 --output OUT.mp4 [--set name=value ...] [--preview]</c>:
/// renders a Tessera timeline or an editly spec; <c>--validate</c> checks it without rendering.
/// </summary>
public static class RenderVerb
{
    /// <summary>
    /// Makes the generator for generated clips ({"generate": ...}); null means no engine is wired and such
    /// timelines fail validation with a clear message. The engine adapter plugs in here.
    /// </summary>
    // Generated clips come from the shipped model (loaded lazily: only a timeline with a generate clip pays for it).
    public static Func<IClipGenerator?> CreateGenerator { get; set; } =
        () => new Tessera.Studio.Backends.EngineClipGenerator(new Tessera.Studio.Backends.EngineGenerationBackend());

    public static Command Create()
    {
        var file = new Argument<string>("timeline") { Description = "A Tessera timeline (.json, see docs/TIMELINE.md) or an editly spec (.json/.json5)" };
        var output = new Option<string?>("--output", "-o") { Description = "The MP4 to write (H.264 + AAC); written to a temp file and renamed when done" };
        var set = new Option<string[]>("--set") { Description = "Fill a template placeholder: --set name=value (repeatable)", AllowMultipleArgumentsPerToken = false };
        var preview = new Option<bool>("--preview") { Description = "Render fast at low resolution (≤ 640 px, x264 ultrafast) to check an edit" };
        var validate = new Option<bool>("--validate") { Description = "Only check the timeline (fields, files, in/out points, fonts, transitions); render nothing" };
        var preset = new Option<string>("--preset") { Description = "x264 preset", DefaultValueFactory = _ => "medium" };
        var crf = new Option<int>("--crf") { Description = "x264 quality (lower is better; 18 is visually lossless)", DefaultValueFactory = _ => 18 };
        var cache = new Option<string?>("--cache") { Description = "Folder for generated clips (default: $TESSERA_CACHE or ~/.cache/tessera)" };
        var command = new Command("render", VerbAction.Describe(
            "Render a timeline (Tessera JSON or editly JSON5) to an MP4 through FFmpeg",
            "tessera render edit.json --output short.mp4",
            "tessera render edit.json --output draft.mp4 --preview",
            "tessera render template.json --set title=\"Hello\" --set music=song.mp3 --output out.mp4",
            "tessera render editly-spec.json5 --output out.mp4",
            "tessera render --validate edit.json"));
        command.Arguments.Add(file);
        foreach (var o in new Option[] { output, set, preview, validate, preset, crf, cache }) command.Options.Add(o);
        VerbAction.Set(command, parse =>
        {
            var values = ParseSet(parse.GetValue(set) ?? []);
            var path = parse.GetValue(file)!;
            var timeline = TimelineLoader.Load(path, values);
            // The engine (and its assemblies) is loaded only for a timeline that generates clips.
            var generates = timeline.Tracks.Any(t => t.Clips.Any(c => c.Source is GeneratedSource));
            var renderer = new TimelineRenderer(generates ? CreateGenerator() : null, parse.GetValue(cache));
            if (parse.GetValue(validate))
            {
                var plan = renderer.Validate(timeline);
                Console.WriteLine(Summary(plan));
                return 0;
            }
            var target = parse.GetValue(output) ?? throw new TesseraError("--output OUT.mp4 is required to render (or pass --validate to only check)");
            var options = new RenderOptions(parse.GetValue(preview), parse.GetValue(preset) ?? "medium", parse.GetValue(crf));
            var seconds = 0.0;
            var started = DateTime.UtcNow;
            TerminalProgress.Run($"render {Path.GetFileName(target)}", "s", progress =>
            {
                renderer.Render(timeline, target, options, new SecondsProgress(progress, s => seconds = s));
            });
            var wall = (DateTime.UtcNow - started).TotalSeconds;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"wrote {target} ({seconds:0.##} s of video in {wall:0.#} s)"));
            return 0;
        });
        return command;
    }

    private static Dictionary<string, string> ParseSet(string[] items)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            var eq = item.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0) throw new TesseraError($"--set {item}: expected name=value");
            values[item[..eq]] = item[(eq + 1)..];
        }
        return values;
    }

    private static string Summary(RenderPlan plan)
    {
        var t = plan.Timeline;
        var clips = plan.Tracks.Sum(c => c.Count);
        return string.Create(CultureInfo.InvariantCulture,
            $"ok: {t.SourceName}: {plan.DurationSeconds:0.###} s ({plan.TotalFrames} frames) at {t.Width}x{t.Height}, {t.Fps:0.###} fps; " +
            $"{clips} clip(s) on {plan.Tracks.Count} track(s), {t.Texts.Count} text(s), {t.AudioTracks.Count} audio track(s)");
    }

    /// <summary>Passes progress through and remembers the seconds rendered, for the closing line.</summary>
    private sealed class SecondsProgress(IProgress<ProgressUpdate> inner, Action<double> done) : IProgress<ProgressUpdate>
    {
        public void Report(ProgressUpdate value)
        {
            done(value.Done);
            inner.Report(value);
        }
    }
}
