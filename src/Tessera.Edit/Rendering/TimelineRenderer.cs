using Tessera.Media;

namespace Tessera.Edit;

/// <summary>
/// Renders a timeline to an H.264 + AAC MP4 through one ffmpeg process. Everything is checked first
/// (every problem at once, with JSON paths); generated clips are made (or taken from the cache);
/// the output is written to a temp file beside the target and renamed only when ffmpeg succeeded.
/// </summary>
public sealed class TimelineRenderer
{
    private readonly IClipGenerator? _generator;
    private readonly GeneratedClipCache _cache;

    public TimelineRenderer(IClipGenerator? generator = null, string? cacheDir = null)
    {
        _generator = generator;
        _cache = new GeneratedClipCache(cacheDir ?? GeneratedClipCache.DefaultDirectory());
    }

    /// <summary>Checks the timeline against its media and lays it out; throws a TesseraError listing every problem.</summary>
    public RenderPlan Validate(Timeline timeline) => TimelineValidator.Plan(timeline, _generator is not null);

    public void Render(Timeline timeline, string outputPath, RenderOptions options,
        IProgress<ProgressUpdate>? progress = null, CancellationToken ct = default)
    {
        CheckOutput(timeline, outputPath, options);
        var plan = Validate(timeline);
        using var output = new AtomicFile(outputPath);
        var workDir = Directory.CreateTempSubdirectory("tessera-render-").FullName;
        try
        {
            plan = ClipGenerationStep.Run(plan, _generator, _cache, workDir, ct);
            var graph = new FilterGraphBuilder(plan, options, workDir).Build();
            var script = Path.Combine(workDir, "graph.txt");
            File.WriteAllText(script, graph.Script);
            var args = new List<string> { "-nostdin", "-hide_banner", "-v", "error", "-y" };
            args.AddRange(graph.InputArgs);
            args.AddRange(["-filter_complex_script", script, "-map", $"[{graph.VideoLabel}]", "-map", $"[{graph.AudioLabel}]"]);
            args.AddRange(["-c:v", "libx264", "-preset", options.Preview ? "ultrafast" : options.Preset,
                "-crf", (options.Preview ? Math.Max(options.Crf, 28) : options.Crf).ToString(System.Globalization.CultureInfo.InvariantCulture),
                "-pix_fmt", "yuv420p", "-c:a", "aac", "-b:a", $"{options.AudioBitrateKbps}k", "-ar", $"{RenderPlan.SampleRate}",
                "-movflags", "+faststart", "-progress", "pipe:1", "-nostats", output.TempPath]);
            FfmpegRender.Run(args, plan.DurationSeconds, progress, ct);
            output.Commit();
        }
        finally
        {
            if (!FfmpegRender.Debugging)
                try { Directory.Delete(workDir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    /// <summary>The graph that would render the timeline, for inspection (tests, --dump-graph).</summary>
    public static FilterGraph DescribeGraph(RenderPlan plan, RenderOptions options, string workDir) =>
        new FilterGraphBuilder(plan, options, workDir).Build();

    private static void CheckOutput(Timeline timeline, string outputPath, RenderOptions options)
    {
        var problems = new ProblemList();
        if (string.IsNullOrWhiteSpace(outputPath)) throw new TesseraError("no output path was given; pass --output OUT.mp4");
        var ext = Path.GetExtension(outputPath).ToLowerInvariant();
        if (ext is not (".mp4" or ".m4v" or ".mov"))
            problems.Add("--output", $"{outputPath}: renders are H.264 + AAC MP4; name the output .mp4");
        var full = Path.GetFullPath(outputPath);
        if (Directory.Exists(full)) problems.Add("--output", $"{outputPath} is a folder; give a file name such as {Path.Combine(outputPath, "out.mp4")}");
        var dir = Path.GetDirectoryName(full);
        if (dir is not null && !Directory.Exists(dir)) problems.Add("--output", $"output folder does not exist: {dir}; create it first");
        var sources = timeline.Tracks.SelectMany(t => t.Clips).Select(c => c.Source switch
        {
            VideoFileSource v => v.File, ImageFileSource i => i.File, _ => null,
        }).Concat(timeline.AudioTracks.Select(a => a.File));
        if (sources.Any(s => s is not null && string.Equals(Path.GetFullPath(s), full, StringComparison.Ordinal)))
            problems.Add("--output", $"{outputPath} is also an input of the timeline; choose another output file");
        if (Array.IndexOf(RenderOptions.Presets, options.Preset) < 0)
            problems.Add("--preset", $"unknown x264 preset \"{options.Preset}\" (one of: {string.Join(", ", RenderOptions.Presets)})");
        if (options.Crf is < 0 or > 51) problems.Add("--crf", $"must be 0..51, got {options.Crf}");
        problems.ThrowIfAny(timeline.SourceName);
    }
}
