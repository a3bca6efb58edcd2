using System.Text.Json;

namespace Tessera.Edit;

/// <summary>
/// Reads Tessera's own timeline JSON (docs/TIMELINE.md) into a <see cref="Timeline"/>, strictly:
/// unknown fields, wrong types and impossible values are problems with their JSON path.
/// Checks that need the media (durations, in/out points) are the validator's.
/// </summary>
internal sealed class TimelineParser(string sourceName, string baseDirectory, ProblemList problems)
{
    public const int MaxSide = 8192;
    private static readonly string[] Fits = ["cover", "contain", "stretch", "blur", "crop"];
    private static readonly string[] Positions = ["center", "top", "bottom"];
    private static readonly string[] Roles = ["music", "voice", "effect"];

    public Timeline Parse(JsonElement rootElement)
    {
        var root = new JsonObjectReader(rootElement, "$", problems);
        root.Allow("$schema");
        var format = root.String("format");
        if (format is not null && format != "tessera-timeline/1")
            problems.Add("$.format", $"unknown format \"{format}\"; this version reads \"tessera-timeline/1\"");
        var width = root.Integer("width", 16, MaxSide) ?? 1280;
        var height = root.Integer("height", 16, MaxSide) ?? 720;
        if (width % 2 != 0) problems.Add("$.width", $"must be even (H.264 in 4:2:0 needs it), got {width}");
        if (height % 2 != 0) problems.Add("$.height", $"must be even (H.264 in 4:2:0 needs it), got {height}");
        var fps = root.Number("fps", 1, 120) ?? 30;
        var background = ColorField(root, "background") ?? "0x000000";

        var tracks = new List<VideoTrack>();
        foreach (var (item, path) in root.Array("tracks"))
            tracks.Add(Track(item, path, overlay: tracks.Count > 0));

        var texts = new List<TextItem>();
        foreach (var (item, path) in root.Array("texts"))
            if (Text(item, path) is { } t) texts.Add(t);
        foreach (var (item, path) in root.Array("subtitles"))
            texts.AddRange(Subtitles(item, path));

        var audio = new List<AudioTrack>();
        foreach (var (item, path) in root.Array("audio"))
            if (Audio(item, path) is { } a) audio.Add(a);

        var mix = Mix(root.Object("mix"));
        root.ReportUnknown();
        return new Timeline(sourceName, width, height, fps, background, tracks, texts, audio, mix);
    }

    private VideoTrack Track(JsonElement element, string path, bool overlay)
    {
        var r = new JsonObjectReader(element, path, problems);
        var clips = new List<Clip>();
        foreach (var (item, clipPath) in r.Array("clips", required: true))
            if (Clip(item, clipPath, overlay) is { } c) clips.Add(c);
        r.Allow("name");
        r.ReportUnknown();
        return new VideoTrack(path, clips, overlay);
    }

    private Clip? Clip(JsonElement element, string path, bool overlay)
    {
        var r = new JsonObjectReader(element, path, problems);
        if (!r.IsObject) return null;
        var video = r.String("video");
        var image = r.String("image");
        var color = r.Has("color") ? ColorField(r, "color") : null;
        var generate = r.Object("generate");
        var duration = r.Number("duration", 0, exclusiveMin: true);
        var kinds = new[] { video is not null, image is not null, r.Has("color"), generate is not null }.Count(x => x);
        ClipSource? source = null;
        if (kinds != 1)
            problems.Add(path, kinds == 0
                ? "a clip needs one source: \"video\", \"image\", \"color\" or \"generate\""
                : "a clip has exactly one source: \"video\", \"image\", \"color\" or \"generate\"");
        else if (video is not null) source = new VideoFileSource(FilePath(video, r.FieldPath("video")));
        else if (image is not null) source = new ImageFileSource(FilePath(image, r.FieldPath("image")));
        else if (color is not null) source = new ColorSource(color);
        else if (generate is not null) source = Generated(generate, duration);

        var inPoint = r.Number("in", 0) ?? 0;
        var outPoint = r.Number("out");
        if (outPoint is { } o && o <= inPoint) problems.Add(r.FieldPath("out"), $"must be after \"in\" ({JsonObjectReader.Fmt(inPoint)} s), got {JsonObjectReader.Fmt(o)} s");
        if (source is ImageFileSource or ColorSource && duration is null && r.Has("duration") is false)
            problems.Add(path, "an image or colour clip needs a \"duration\" in seconds");
        if (source is not VideoFileSource && (r.Has("in") || r.Has("out")))
            problems.Add(r.FieldPath(r.Has("in") ? "in" : "out"), "in/out points apply to video clips only; use \"duration\"");
        var speed = r.Number("speed", 0.01, 100, exclusiveMin: false) ?? 1;
        var fitName = r.Choice("fit", Fits) ?? "cover";
        var fit = fitName switch { "contain" => FitMode.Contain, "stretch" => FitMode.Stretch, "blur" => FitMode.Blur, _ => FitMode.Cover };
        var x = r.Number("x", -1, 2) ?? 0.5;
        var y = r.Number("y", -1, 2) ?? 0.5;
        var scale = r.Number("scale", 0, 4, exclusiveMin: true) ?? 1;
        var opacity = r.Number("opacity", 0, 1) ?? 1;
        var motion = Motion(r);
        Transition? transition = null;
        if (r.Raw("transition") is { } t)
        {
            if (overlay) problems.Add(r.FieldPath("transition"), "transitions join clips of the main track (tracks[0]); an overlay clip fades with \"opacity\"");
            else transition = TransitionField(t, r.FieldPath("transition"));
        }
        var volume = r.Number("volume", 0, 10) ?? 1;
        double? start = null;
        if (overlay) start = r.Number("start", 0, required: true);
        else if (r.Has("start")) problems.Add(r.FieldPath("start"), "clips of the main track (tracks[0]) play one after another; \"start\" is for overlay tracks");
        r.ReportUnknown();
        if (source is null) return null;
        return new Clip(path, source, inPoint, outPoint, duration, speed, fit, x, y, scale, opacity, motion, transition, volume, start);
    }

    private GeneratedSource? Generated(JsonObjectReader g, double? clipDuration)
    {
        var prompt = g.String("prompt", required: true);
        var seed = g.Integer("seed", 0) ?? 0;
        var fps = g.Number("fps", 1, 60) ?? 8;
        var width = g.Integer("width", 16, 2048) ?? 64;
        var height = g.Integer("height", 16, 2048) ?? 64;
        var frames = g.Integer("frames", 1, 100_000) ?? (clipDuration is { } d ? (int)Math.Ceiling(d * fps) : 16);
        string? firstFrame = null;
        var continuePrevious = false;
        if (g.String("firstFrame") is { } ff)
        {
            if (ff == "previous") continuePrevious = true;
            else firstFrame = FilePath(ff, g.FieldPath("firstFrame"));
        }
        g.ReportUnknown();
        return prompt is null ? null : new GeneratedSource(prompt, seed, firstFrame, continuePrevious, frames, fps, width, height);
    }

    private KenBurns? Motion(JsonObjectReader r)
    {
        var zoom = r.Object("zoom");
        var pan = r.Object("pan");
        if (zoom is null && pan is null) return null;
        double zf = 1, zt = 1;
        if (zoom is not null)
        {
            zf = zoom.Number("from", 1, 10) ?? 1;
            zt = zoom.Number("to", 1, 10) ?? 1;
            zoom.ReportUnknown();
        }
        (double X, double Y) from = (0.5, 0.5), to = (0.5, 0.5);
        if (pan is not null)
        {
            from = Point(pan, "from") ?? from;
            to = Point(pan, "to") ?? to;
            pan.ReportUnknown();
        }
        return new KenBurns(zf, zt, from.X, from.Y, to.X, to.Y);
    }

    private (double X, double Y)? Point(JsonObjectReader r, string name)
    {
        var v = r.Raw(name);
        if (v is null) return null;
        if (v.Value.ValueKind == JsonValueKind.Array && v.Value.GetArrayLength() == 2 &&
            v.Value[0].ValueKind == JsonValueKind.Number && v.Value[1].ValueKind == JsonValueKind.Number)
        {
            var (x, y) = (v.Value[0].GetDouble(), v.Value[1].GetDouble());
            if (x is >= 0 and <= 1 && y is >= 0 and <= 1) return (x, y);
        }
        problems.Add(r.FieldPath(name), "must be [x, y] with fractions of the frame between 0 and 1, e.g. [0.5, 0.5] for the centre");
        return null;
    }

    private Transition? TransitionField(JsonElement e, string path)
    {
        string? name;
        double duration = 1;
        if (e.ValueKind == JsonValueKind.String) name = e.GetString();
        else
        {
            var r = new JsonObjectReader(e, path, problems);
            if (!r.IsObject) return null;
            name = r.String("type", required: true);
            duration = r.Number("duration", 0, 60, exclusiveMin: true) ?? 1;
            r.ReportUnknown();
        }
        if (name is null) return null;
        if (name is "none" or "cut") return null;
        var xfade = TransitionKinds.ToXfade(name);
        if (xfade is null)
        {
            var hint = JsonObjectReader.Suggest(name, TransitionKinds.Names);
            problems.Add(e.ValueKind == JsonValueKind.String ? path : path + ".type",
                $"unknown transition \"{name}\"{(hint is null ? "" : $"; did you mean \"{hint}\"?")} (see docs/TIMELINE.md for the list)");
            return null;
        }
        return new Transition(path, xfade, duration);
    }

    private TextItem? Text(JsonElement e, string path)
    {
        var r = new JsonObjectReader(e, path, problems);
        if (!r.IsObject) return null;
        var text = r.String("text", required: true);
        var start = r.Number("start", 0) ?? 0;
        var end = r.Number("end", 0, required: true);
        if (end is { } en && en <= start) problems.Add(r.FieldPath("end"), $"must be after \"start\" ({JsonObjectReader.Fmt(start)} s), got {JsonObjectReader.Fmt(en)} s");
        var style = Style(r, text, defaultY: 0.5);
        r.ReportUnknown();
        return text is null || end is null || style is null ? null
            : style with { JsonPath = path, Text = text, Start = start, End = end.Value };
    }

    private IEnumerable<TextItem> Subtitles(JsonElement e, string path)
    {
        var r = new JsonObjectReader(e, path, problems);
        if (!r.IsObject) return [];
        var srt = r.String("srt", required: true);
        var offset = r.Number("offset") ?? 0;
        List<SubtitleCue> cues = [];
        if (srt is not null)
        {
            var file = FilePath(srt, r.FieldPath("srt"));
            if (!File.Exists(file)) problems.Add(r.FieldPath("srt"), $"subtitle file not found: {file}");
            else cues = SrtReader.Parse(File.ReadAllText(file), msg => problems.Add(r.FieldPath("srt"), $"{file}: {msg}"));
        }
        var style = Style(r, string.Concat(cues.Select(c => c.Text)), defaultY: 0.9);
        r.ReportUnknown();
        if (style is null) return [];
        return cues.Select(c => style with
        {
            JsonPath = $"{path} (cue {c.Number})", Text = c.Text,
            Start = Math.Max(0, c.Start + offset), End = Math.Max(0, c.End + offset),
        }).Where(c => c.End > c.Start).ToList();
    }

    /// <summary>Font, size, colours and position shared by titles and subtitles; checks the font covers the text.</summary>
    private TextItem? Style(JsonObjectReader r, string? text, double defaultY)
    {
        var font = r.String("font");
        var size = r.Number("size", 4, 1000) ?? 48;
        var color = ColorField(r, "color") ?? "0xFFFFFF";
        var outline = r.Number("outline", 0, 100) ?? 0;
        var outlineColor = ColorField(r, "outlineColor") ?? "0x000000";
        var box = r.Has("box") ? ColorField(r, "box") : null;
        var position = r.Choice("position", Positions);
        var y = position switch { "top" => 0.1, "bottom" => 0.9, "center" => 0.5, _ => defaultY };
        var x = r.Number("x", 0, 1) ?? 0.5;
        y = r.Number("y", 0, 1) ?? y;
        var fontFile = FontResolver.Resolve(font, baseDirectory, out var reason);
        if (fontFile is null) problems.Add(r.FieldPath("font"), reason!);
        else if (text is not null)
        {
            var missing = FontResolver.MissingGlyphs(fontFile, text);
            if (missing.Count > 0)
                problems.Add(r.FieldPath(font is null ? "text" : "font"),
                    $"font {Path.GetFileName(fontFile)} cannot draw {string.Join(" ", missing.Take(8).Select(m => $"'{m}'"))}" +
                    $"{(missing.Count > 8 ? $" and {missing.Count - 8} more" : "")}; choose a font that covers the text, e.g. \"{FontResolver.DefaultFamily}\" for Chinese");
        }
        return fontFile is null ? null : new TextItem("", "", 0, 0, fontFile, size, color, outline, outlineColor, x, y, box);
    }

    private AudioTrack? Audio(JsonElement e, string path)
    {
        var r = new JsonObjectReader(e, path, problems);
        if (!r.IsObject) return null;
        var file = r.String("file", required: true);
        var role = r.Choice("role", Roles) ?? "music";
        var start = r.Number("start", 0) ?? 0;
        var inPoint = r.Number("in", 0) ?? 0;
        var outPoint = r.Number("out");
        if (outPoint is { } o && o <= inPoint) problems.Add(r.FieldPath("out"), $"must be after \"in\" ({JsonObjectReader.Fmt(inPoint)} s), got {JsonObjectReader.Fmt(o)} s");
        var volume = r.Number("volume", 0, 10) ?? 1;
        var fadeIn = r.Number("fadeIn", 0) ?? 0;
        var fadeOut = r.Number("fadeOut", 0) ?? 0;
        var loop = r.Bool("loop") ?? false;
        r.ReportUnknown();
        if (file is null) return null;
        var audioRole = role switch { "voice" => AudioRole.Voice, "effect" => AudioRole.Effect, _ => AudioRole.Music };
        return new AudioTrack(path, FilePath(file, r.FieldPath("file")), audioRole, start, inPoint, outPoint, volume, fadeIn, fadeOut, loop);
    }

    private AudioMix Mix(JsonObjectReader? r)
    {
        if (r is null) return AudioMix.Default;
        var clipVolume = r.Number("clipVolume", 0, 10) ?? 1;
        Ducking? duck = null;
        if (r.Raw("duck") is { } d)
        {
            if (d.ValueKind is JsonValueKind.True) duck = new Ducking(8, 0.05, 20, 400);
            else if (d.ValueKind is not JsonValueKind.False)
            {
                var dr = new JsonObjectReader(d, r.FieldPath("duck"), problems);
                duck = new Ducking(dr.Number("ratio", 1, 20) ?? 8, dr.Number("threshold", 0.001, 1) ?? 0.05,
                    dr.Number("attack", 0.01, 2000) ?? 20, dr.Number("release", 0.01, 9000) ?? 400);
                dr.ReportUnknown();
            }
        }
        var loudness = r.Number("loudness", -70, -5);
        r.ReportUnknown();
        return new AudioMix(clipVolume, duck, loudness);
    }

    private string? ColorField(JsonObjectReader r, string name)
    {
        var s = r.String(name);
        if (s is null) return null;
        var c = Colors.TryParse(s, out var reason);
        if (c is null) problems.Add(r.FieldPath(name), reason!);
        return c;
    }

    private string FilePath(string value, string path)
    {
        if (value.Contains("://", StringComparison.Ordinal))
        {
            problems.Add(path, $"\"{value}\" is a URL; download it and give a local file path");
            return value;
        }
        var full = Path.GetFullPath(value, baseDirectory);
        MediaProbeCache.Prefetch(full); // probed while the rest is parsed; the validator waits for it
        return full;
    }
}
