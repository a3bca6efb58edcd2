using System.Text.Json;
using Tessera.Media;

namespace Tessera.Edit;

/// <summary>
/// Maps an editly spec (github.com/mifi/editly) onto a Tessera timeline, following editly's own rules:
/// a clip lasts its "duration" or its video's cut length, transitions are clamped to half of either
/// neighbouring clip, a clip's own audio is kept only with keepSourceAudio, images zoom in by 10 %
/// by default. Features we do not render (canvas/fabric/gl layers, gradients, random colours…) are
/// errors that name them, never silently dropped.
/// </summary>
internal sealed class EditlySpecMapper(string sourceName, string baseDirectory, ProblemList problems)
{
    private static readonly string[] Unsupported =
        ["canvas", "fabric", "gl", "radial-gradient", "linear-gradient", "rainbow-colors", "news-title", "slide-in-text", "editly-banner", "title-background"];

    /// <summary>editly's transition names (gl-transitions and its own aliases) with an xfade equivalent.</summary>
    private static readonly Dictionary<string, string> TransitionNames = new(StringComparer.Ordinal)
    {
        ["fade"] = "fade", ["dissolve"] = "dissolve", ["fadecolor"] = "fadeblack", ["fadeColor"] = "fadeblack",
        ["fadegrayscale"] = "fadegrays", ["directional-left"] = "slideleft", ["directional-right"] = "slideright",
        ["directional-up"] = "slideup", ["directional-down"] = "slidedown", ["wipeLeft"] = "wipeleft",
        ["wipeRight"] = "wiperight", ["wipeUp"] = "wipeup", ["wipeDown"] = "wipedown", ["circleopen"] = "circleopen",
        ["CircleCrop"] = "circlecrop", ["Radial"] = "radial", ["pixelize"] = "pixelize", ["squeeze"] = "squeezev",
    };

    /// <summary>editly picks "random" transitions; we cycle through these so the same spec gives the same video.</summary>
    private static readonly string[] RandomCycle = ["fade", "wipeleft", "slideup", "dissolve", "circleopen", "wiperight", "slidedown", "fadeblack"];

    private sealed record EditlyClip(string Path, Clip? Base, double Duration, List<(JsonObjectReader Layer, string Type)> Layers,
        string? TransitionName, double TransitionDuration, string TransitionPath);

    public Timeline Map(JsonElement rootElement)
    {
        var root = new JsonObjectReader(rootElement, "$", problems);
        root.Allow("outPath", "enableFfmpegLog", "verbose", "logTimes", "keepTmp", "allowRemoteRequests", "$schema");
        foreach (var name in new[] { "customOutputArgs", "fast", "ffmpegPath", "ffprobePath", "outputVolume" })
            if (root.Has(name))
                problems.Add(root.FieldPath(name), $"editly's \"{name}\" is not supported by tessera render" +
                    (name == "fast" ? "; use --preview" : name == "outputVolume" ? "; set mixVolume per track" : ""));

        var defaults = root.Object("defaults");
        var defaultDuration = defaults?.Number("duration", 0, exclusiveMin: true) ?? 4;
        var (defaultTransition, defaultTransitionDuration) = ("random", 0.5);
        var defaultTransitionIsNull = false;
        if (defaults?.Raw("transition") is { } dt)
            (defaultTransition, defaultTransitionDuration) = TransitionSpec(dt, defaults.FieldPath("transition"), ("random", 0.5));
        else if (defaults is not null && defaults.IsObject && rootElement.GetProperty("defaults").TryGetProperty("transition", out var nullT) && nullT.ValueKind == JsonValueKind.Null)
            defaultTransitionIsNull = true;
        var layerDefaults = defaults?.Raw("layer");
        var layerTypeDefaults = defaults?.Raw("layerType");
        defaults?.ReportUnknown("unknown editly defaults field");

        PrefetchMedia(rootElement);
        // Output size and rate: editly takes what is missing from the first video.
        var first = new Lazy<MediaInfo?>(() => FirstVideo(rootElement));
        var width = root.Integer("width", 16, TimelineParser.MaxSide);
        var height = root.Integer("height", 16, TimelineParser.MaxSide);
        if (width is { } w && height is null) height = first.Value?.Video is { Height: { } vh, Width: { } vw } ? Even(vh * (double)w / vw) : w;
        width ??= first.Value?.Video?.DisplaySize?.Width ?? 640;
        height ??= first.Value?.Video?.DisplaySize?.Height ?? 640;
        width = Even(width.Value);
        height = Even(height.Value);
        var fps = root.Number("fps", 1, 120) ?? first.Value?.Video?.Fps ?? 25;

        var clips = new List<EditlyClip>();
        foreach (var (item, path) in root.Array("clips", required: true))
        {
            var clip = Clip(item, path, clips.Count, defaultDuration, defaultTransitionIsNull ? null : defaultTransition,
                defaultTransitionDuration, layerDefaults, layerTypeDefaults, width.Value, height.Value);
            if (clip is not null) clips.Add(clip);
        }
        if (root.Raw("clips") is { ValueKind: JsonValueKind.Array } arr && arr.GetArrayLength() == 0)
            problems.Add("$.clips", "needs at least one clip");

        // Transitions are clamped like editly does: at most half of either neighbour.
        var main = new List<Clip>();
        var texts = new List<TextItem>();
        var overlays = new List<Clip>();
        var audio = new List<AudioTrack>();
        double t = 0;
        for (var i = 0; i < clips.Count; i++)
        {
            var c = clips[i];
            Transition? transition = null;
            double overlap = 0;
            if (i + 1 < clips.Count && c.TransitionName is not null && c.TransitionDuration > 0)
            {
                overlap = Math.Min(c.TransitionDuration, Math.Min(c.Duration / 2, clips[i + 1].Duration / 2));
                overlap = Math.Floor(overlap * fps) / fps; // whole frames: the video and audio overlap the same
                var kind = c.TransitionName == "random" ? RandomCycle[i % RandomCycle.Length] : MapTransition(c.TransitionName, c.TransitionPath);
                if (kind is not null && overlap > 0) transition = new Transition(c.TransitionPath, kind, overlap);
                else overlap = 0;
            }
            if (c.Base is not null) main.Add(c.Base with { Transition = transition });
            MapLayers(c, t, width.Value, height.Value, texts, overlays, audio);
            t += c.Duration - overlap;
        }

        var keepSourceAudio = root.Bool("keepSourceAudio") ?? false;
        var clipsAudioVolume = root.Number("clipsAudioVolume", 0, 10) ?? 1;
        if (root.String("audioFilePath") is { } music)
            audio.Add(new AudioTrack("$.audioFilePath", File(music, "$.audioFilePath"), AudioRole.Music, 0, 0, null,
                root.Number("backgroundAudioVolume", 0, 10) ?? 1, 0, 0, root.Bool("loopAudio") ?? false));
        else root.Allow("backgroundAudioVolume", "loopAudio");
        foreach (var (item, path) in root.Array("audioTracks"))
        {
            var a = new JsonObjectReader(item, path, problems);
            var file = a.String("path", required: true);
            var track = new AudioTrack(path, file is null ? "" : File(file, a.FieldPath("path")), AudioRole.Music,
                a.Number("start", 0) ?? 0, a.Number("cutFrom", 0) ?? 0, a.Number("cutTo", 0), a.Number("mixVolume", 0, 10) ?? 1, 0, 0, false);
            a.ReportUnknown("unknown editly audio track field");
            if (file is not null) audio.Add(track);
        }
        double? loudness = null;
        if (root.Object("audioNorm") is { } norm)
        {
            if (norm.Bool("enable") == true) loudness = -16;
            norm.Allow("gaussSize", "maxGain");
            norm.ReportUnknown("unknown editly audioNorm field");
        }
        root.ReportUnknown("unknown editly field");

        var tracks = new List<VideoTrack> { new("$.clips", main, false) };
        if (overlays.Count > 0) tracks.Add(new VideoTrack("$.clips (overlay layers)", overlays, true));
        var mix = new AudioMix(keepSourceAudio ? clipsAudioVolume : 0, null, loudness);
        return new Timeline(sourceName, width.Value, height.Value, fps, "0x000000", tracks, texts, audio, mix);
    }

    private EditlyClip? Clip(JsonElement element, string path, int index, double defaultDuration, string? defaultTransition,
        double defaultTransitionDuration, JsonElement? layerDefaults, JsonElement? layerTypeDefaults, int width, int height)
    {
        var r = new JsonObjectReader(element, path, problems);
        if (!r.IsObject) return null;
        var userDuration = r.Number("duration", 0, exclusiveMin: true);
        var (tName, tDuration) = (defaultTransition, defaultTransitionDuration);
        if (r.Raw("transition") is { } te)
            (tName, tDuration) = TransitionSpec(te, r.FieldPath("transition"), (defaultTransition ?? "fade", defaultTransitionDuration));
        else if (element.TryGetProperty("transition", out var tn) && tn.ValueKind == JsonValueKind.Null) tName = null;

        var layers = new List<(JsonObjectReader, string)>();
        var raw = r.Raw("layers");
        IEnumerable<(JsonElement, string)> items = raw is { ValueKind: JsonValueKind.Array } a
            ? a.EnumerateArray().Select((e, i) => (e, $"{path}.layers[{i}]"))
            : raw is { ValueKind: JsonValueKind.Object } o ? [(o, $"{path}.layers")] : [];
        if (raw is null) problems.Add(r.FieldPath("layers"), "a clip needs \"layers\"");
        foreach (var (layerElement, layerPath) in items)
        {
            var merged = WithDefaults(layerElement, layerDefaults, layerTypeDefaults, out var fromDefaults);
            var layer = new JsonObjectReader(merged, layerPath, problems);
            layer.Allow(fromDefaults); // editly applies defaults.layer to every type; a type ignores what it lacks
            var type = layer.String("type", required: true);
            if (type is null) continue;
            if (Array.IndexOf(Unsupported, type) >= 0)
            {
                problems.Add(layer.FieldPath("type"), $"editly layer type \"{type}\" is not supported by tessera render (supported: video, image, image-overlay, title, subtitle, fill-color, pause, audio, detached-audio)");
                continue;
            }
            if (type is not ("video" or "image" or "image-overlay" or "title" or "subtitle" or "fill-color" or "pause" or "audio" or "detached-audio"))
            {
                problems.Add(layer.FieldPath("type"), $"unknown editly layer type \"{type}\"");
                continue;
            }
            layers.Add((layer, type));
        }
        r.ReportUnknown("unknown editly clip field");

        // The first picture layer is the clip's background: the main track's clip.
        var baseLayer = layers.FirstOrDefault(l => l.Item2 is "video" or "image" or "fill-color" or "pause");
        double duration = userDuration ?? defaultDuration;
        Clip? baseClip = null;
        if (baseLayer.Item1 is { } bl)
        {
            baseClip = VisualClip(bl, baseLayer.Item2, userDuration, defaultDuration, width, height, overlayStart: null, out duration);
            layers.Remove(baseLayer);
        }
        else baseClip = new Clip(path, new ColorSource("0x000000"), 0, null, duration, 1, FitMode.Cover, 0.5, 0.5, 1, 1, null, null, 1, null);
        return new EditlyClip(path, baseClip, duration, layers, tName, tDuration, r.FieldPath("transition"));
    }

    /// <summary>A video, image or colour layer as a clip; its duration follows editly's rules.</summary>
    private Clip? VisualClip(JsonObjectReader l, string type, double? userDuration, double defaultDuration, int width, int height,
        double? overlayStart, out double duration)
    {
        duration = userDuration ?? defaultDuration;
        l.Allow("type", "start", "stop");
        Clip? clip = null;
        switch (type)
        {
            case "video":
            {
                var file = l.String("path", required: true);
                var cutFrom = l.Number("cutFrom", 0) ?? 0;
                var cutTo = l.Number("cutTo", 0);
                var fit = Fit(l, "contain-blur");
                var volume = l.Number("mixVolume", 0, 10) ?? 1;
                PipBox(l, width, height, out var x, out var y, out var scale);
                if (file is null) break;
                var full = File(file, l.FieldPath("path"));
                var fileDuration = ProbeDuration(full, l.FieldPath("path"));
                var end = Math.Min(cutTo ?? fileDuration ?? double.MaxValue, fileDuration ?? double.MaxValue);
                if (end <= cutFrom) { problems.Add(l.FieldPath("cutTo"), "cutFrom must be lower than cutTo"); break; }
                var inputDuration = end - cutFrom;
                var speed = 1.0;
                if (userDuration is { } ud) speed = inputDuration / ud; // editly stretches the cut to the clip's duration
                else duration = inputDuration;
                clip = new Clip(l.Path, new VideoFileSource(full), cutFrom, cutFrom + inputDuration, null, speed, fit, x, y, scale, 1, null, null, volume, overlayStart);
                break;
            }
            case "image" or "image-overlay":
            {
                var file = l.String("path", required: true);
                var fit = Fit(l, type == "image" ? "contain-blur" : "contain");
                var motion = Zoom(l, type == "image" ? "in" : null);
                PipBox(l, width, height, out var x, out var y, out var scale);
                if (l.Raw("position") is { } pos) (x, y) = Position(pos, l.FieldPath("position"), x, y);
                if (file is null) break;
                clip = new Clip(l.Path, new ImageFileSource(File(file, l.FieldPath("path"))), 0, null, duration, 1, fit, x, y, scale, 1, motion, null, 1, overlayStart);
                break;
            }
            default: // fill-color, pause
            {
                var color = l.String("color");
                if (color is null && type == "fill-color")
                {
                    problems.Add(l.FieldPath("color"), "editly picks a random colour when \"color\" is missing; tessera renders reproducibly, so give one");
                    break;
                }
                var c = Colors.TryParse(color ?? "#000000", out var reason);
                if (c is null) { problems.Add(l.FieldPath("color"), reason!); break; }
                clip = new Clip(l.Path, new ColorSource(c), 0, null, duration, 1, FitMode.Cover, 0.5, 0.5, 1, 1, null, null, 1, overlayStart);
                break;
            }
        }
        l.ReportUnknown($"unknown editly {type} layer field");
        return clip;
    }

    private void MapLayers(EditlyClip c, double clipStart, int width, int height, List<TextItem> texts, List<Clip> overlays, List<AudioTrack> audio)
    {
        foreach (var (l, type) in c.Layers)
        {
            var start = l.Number("start", 0) ?? 0;
            var stop = l.Number("stop", 0) ?? c.Duration;
            if (stop <= start || stop > c.Duration + 1e-9)
                problems.Add(l.Path, $"start {start} / stop {stop} must lie within the clip's {c.Duration:0.###} s");
            switch (type)
            {
                case "title" or "subtitle":
                    if (Text(l, type, clipStart + start, clipStart + Math.Min(stop, c.Duration), width, height) is { } t) texts.Add(t);
                    break;
                case "audio" or "detached-audio":
                {
                    var file = l.String("path", required: true);
                    var cutFrom = l.Number("cutFrom", 0) ?? 0;
                    var cutTo = l.Number("cutTo", 0);
                    var volume = l.Number("mixVolume", 0, 10) ?? 1;
                    l.Allow("type");
                    l.ReportUnknown($"unknown editly {type} layer field");
                    if (file is null) break;
                    // An "audio" layer lasts its clip; a detached one plays on past it.
                    var to = type == "audio" ? cutTo ?? cutFrom + (c.Duration - start) : cutTo;
                    audio.Add(new AudioTrack(l.Path, File(file, l.FieldPath("path")), AudioRole.Effect, clipStart + start, cutFrom, to, volume, 0, 0, false));
                    break;
                }
                default:
                {
                    var overlay = VisualClip(l, type, stop - start, stop - start, width, height, clipStart + start, out _);
                    if (overlay is not null) overlays.Add(overlay);
                    break;
                }
            }
        }
    }

    private TextItem? Text(JsonObjectReader l, string type, double start, double end, int width, int height)
    {
        l.Allow("type", "start", "stop", "zoomDirection", "zoomAmount", "delay", "speed");
        var text = l.String("text", required: true);
        var color = Colors.TryParse(l.String("textColor") ?? "#ffffff", out var reason);
        if (color is null) problems.Add(l.FieldPath("textColor"), reason!);
        var fontPath = l.String("fontPath");
        if (l.String("fontFamily") is { } family && fontPath is null) fontPath = family;
        var (x, y) = type == "title" ? (0.5, 0.5) : (0.5, 0.9);
        if (l.Raw("position") is { } pos) (x, y) = Position(pos, l.FieldPath("position"), x, y);
        string? box = null;
        if (type == "subtitle")
        {
            box = Colors.TryParse(l.String("backgroundColor") ?? "#0000004D", out var boxReason);
            if (box is null) problems.Add(l.FieldPath("backgroundColor"), boxReason!);
        }
        l.ReportUnknown($"unknown editly {type} layer field");
        if (text is null || color is null) return null;
        var fontFile = FontResolver.Resolve(fontPath, baseDirectory, out var fontReason);
        if (fontFile is null) { problems.Add(l.FieldPath("fontPath"), fontReason!); return null; }
        var missing = FontResolver.MissingGlyphs(fontFile, text);
        if (missing.Count > 0)
            problems.Add(l.FieldPath(fontPath is null ? "text" : "fontPath"),
                $"font {Path.GetFileName(fontFile)} cannot draw {string.Join(" ", missing.Take(8).Select(m => $"'{m}'"))}; choose a font that covers the text, e.g. \"{FontResolver.DefaultFamily}\"");
        // editly sizes titles to a tenth of the smaller side and subtitles to a twentieth.
        var size = Math.Round(Math.Min(width, height) * (type == "title" ? 0.1 : 0.05));
        return new TextItem(l.Path, text, start, end, fontFile, size, color, 0, "0x000000", x, y, box);
    }

    private (double X, double Y) Position(JsonElement pos, string path, double x, double y)
    {
        if (pos.ValueKind == JsonValueKind.String)
        {
            var s = pos.GetString()!;
            var nx = s.Contains("left", StringComparison.Ordinal) ? 0.1 : s.Contains("right", StringComparison.Ordinal) ? 0.9 : 0.5;
            var ny = s.StartsWith("top", StringComparison.Ordinal) ? 0.1 : s.StartsWith("bottom", StringComparison.Ordinal) ? 0.9 : 0.5;
            if (s is not ("center" or "top" or "bottom" or "left" or "right" or "top-left" or "top-right" or "bottom-left" or "bottom-right" or "center-left" or "center-right"))
                problems.Add(path, $"unknown editly position \"{s}\"");
            return (nx, ny);
        }
        var r = new JsonObjectReader(pos, path, problems);
        var px = r.Number("x", 0, 1) ?? x;
        var py = r.Number("y", 0, 1) ?? y;
        var ox = r.Choice("originX", ["left", "center", "right"]);
        var oy = r.Choice("originY", ["top", "center", "bottom"]);
        if (ox is not null && ox != "center") problems.Add(r.FieldPath("originX"), "only originX \"center\" is supported (positions are centres)");
        if (oy is not null && oy != "center") problems.Add(r.FieldPath("originY"), "only originY \"center\" is supported (positions are centres)");
        r.ReportUnknown("unknown editly position field");
        return (px, py);
    }

    /// <summary>editly's width/height/left/top (fractions) for a picture-in-picture layer, as our centre + scale.</summary>
    private void PipBox(JsonObjectReader l, int width, int height, out double x, out double y, out double scale)
    {
        var w = l.Number("width", 0, 1, exclusiveMin: true);
        var h = l.Number("height", 0, 1, exclusiveMin: true);
        var left = l.Number("left", 0, 1);
        var top = l.Number("top", 0, 1);
        var ox = l.Choice("originX", ["left", "center", "right"]) ?? "left";
        var oy = l.Choice("originY", ["top", "center", "bottom"]) ?? "top";
        scale = Math.Max(w ?? 1, h ?? 1);
        var bw = w ?? scale;
        var bh = h ?? scale;
        x = (left ?? (1 - bw) / 2) + (ox == "left" ? bw / 2 : ox == "right" ? -bw / 2 : 0);
        y = (top ?? (1 - bh) / 2) + (oy == "top" ? bh / 2 : oy == "bottom" ? -bh / 2 : 0);
        if (left is null && ox == "left") x = 0.5;
        if (top is null && oy == "top") y = 0.5;
    }

    private FitMode Fit(JsonObjectReader l, string fallback) =>
        (l.Choice("resizeMode", ["contain", "contain-blur", "cover", "stretch"]) ?? fallback) switch
        {
            "contain" => FitMode.Contain,
            "cover" => FitMode.Cover,
            "stretch" => FitMode.Stretch,
            _ => FitMode.Blur,
        };

    private KenBurns? Zoom(JsonObjectReader l, string? fallback)
    {
        var direction = l.Raw("zoomDirection") is { ValueKind: JsonValueKind.Null } ? null : l.Choice("zoomDirection", ["in", "out", "left", "right", "null"]) ?? fallback;
        var amount = l.Number("zoomAmount", 0, 5) ?? 0.1;
        return direction switch
        {
            "in" => new KenBurns(1, 1 + amount, 0.5, 0.5, 0.5, 0.5),
            "out" => new KenBurns(1 + amount, 1, 0.5, 0.5, 0.5, 0.5),
            "left" => new KenBurns(1 + amount, 1 + amount, 0.5 + amount / 4, 0.5, 0.5 - amount / 4, 0.5),
            "right" => new KenBurns(1 + amount, 1 + amount, 0.5 - amount / 4, 0.5, 0.5 + amount / 4, 0.5),
            _ => null,
        };
    }

    private (string? Name, double Duration) TransitionSpec(JsonElement e, string path, (string Name, double Duration) fallback)
    {
        var r = new JsonObjectReader(e, path, problems);
        if (!r.IsObject) return fallback;
        var name = r.String("name") ?? fallback.Name;
        var duration = r.Number("duration", 0) ?? fallback.Duration;
        r.Allow("audioOutCurve", "audioInCurve");
        if (r.Has("easing")) problems.Add(r.FieldPath("easing"), "editly transition easing is not supported; transitions run linearly");
        if (r.Has("params")) problems.Add(r.FieldPath("params"), "editly gl-transition params are not supported");
        r.ReportUnknown("unknown editly transition field");
        return (name, duration);
    }

    private string? MapTransition(string name, string path)
    {
        if (TransitionNames.TryGetValue(name, out var x)) return x;
        if (TransitionKinds.ToXfade(name) is { } ours) return ours;
        problems.Add(path + ".name", $"editly transition \"{name}\" is not supported by tessera render (supported: {string.Join(", ", TransitionNames.Keys)}, random)");
        return null;
    }

    private static JsonElement WithDefaults(JsonElement layer, JsonElement? all, JsonElement? byType, out string[] fromDefaults)
    {
        fromDefaults = [];
        if (all is null && byType is null) return layer;
        var merged = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        var type = layer.ValueKind == JsonValueKind.Object && layer.TryGetProperty("type", out var t) ? t.GetString() : null;
        if (all is { ValueKind: JsonValueKind.Object } a)
            foreach (var p in a.EnumerateObject()) merged[p.Name] = p.Value;
        if (type is not null && byType is { ValueKind: JsonValueKind.Object } bt && bt.TryGetProperty(type, out var d) && d.ValueKind == JsonValueKind.Object)
            foreach (var p in d.EnumerateObject()) merged[p.Name] = p.Value;
        if (layer.ValueKind != JsonValueKind.Object) return layer;
        fromDefaults = merged.Keys.Where(k => !layer.TryGetProperty(k, out _)).ToArray();
        foreach (var p in layer.EnumerateObject()) merged[p.Name] = p.Value;
        return JsonSerializer.SerializeToElement(merged);
    }

    private MediaInfo? FirstVideo(JsonElement root)
    {
        if (!root.TryGetProperty("clips", out var clips) || clips.ValueKind != JsonValueKind.Array) return null;
        foreach (var clip in clips.EnumerateArray())
        {
            if (clip.ValueKind != JsonValueKind.Object || !clip.TryGetProperty("layers", out var layers)) continue;
            IEnumerable<JsonElement> items = layers.ValueKind == JsonValueKind.Array ? layers.EnumerateArray() : [layers];
            foreach (var layer in items)
                if (layer.ValueKind == JsonValueKind.Object && layer.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String &&
                    t.GetString() == "video" && layer.TryGetProperty("path", out var p) && p.ValueKind == JsonValueKind.String)
                {
                    try { return MediaProbeCache.Probe(Path.GetFullPath(p.GetString()!, baseDirectory)); }
                    catch (MediaError) { return null; } // reported with its path when the layer is read
                }
        }
        return null;
    }

    /// <summary>
    /// Starts probing every media file the spec names ("path", "audioFilePath") side by side, before the
    /// clips are read one by one, each waiting for its file's duration.
    /// </summary>
    private void PrefetchMedia(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var p in element.EnumerateObject())
                {
                    if (p.Name is "path" or "audioFilePath" && p.Value.ValueKind == JsonValueKind.String &&
                        p.Value.GetString() is { Length: > 0 } value && !value.Contains("://", StringComparison.Ordinal))
                    {
                        try { MediaProbeCache.Prefetch(Path.GetFullPath(value, baseDirectory)); }
                        catch (Exception e) when (e is ArgumentException or NotSupportedException) { } // reported when the layer is read
                    }
                    else PrefetchMedia(p.Value);
                }
                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray()) PrefetchMedia(item);
                break;
        }
    }

    private double? ProbeDuration(string file, string path)
    {
        try
        {
            var info = MediaProbeCache.Probe(file);
            if (info.Video is null) { problems.Add(path, $"{file}: has no video stream"); return null; }
            return info.DurationSeconds;
        }
        catch (MediaError e)
        {
            problems.Add(path, e.Message);
            return null;
        }
    }

    private string File(string value, string path)
    {
        if (value.Contains("://", StringComparison.Ordinal))
            problems.Add(path, $"\"{value}\" is a URL; tessera render reads local files only (download it first)");
        return Path.GetFullPath(value, baseDirectory);
    }

    private static int Even(double v) => Math.Max(2, (int)Math.Round(v / 2) * 2);
    private static int Even(int v) => Even((double)v);
}
