using System.Globalization;
using System.Text.Json;

namespace Tessera.Media;

/// <summary>
/// Reads a file's streams, duration, size, fps, codecs and rotation: MP4/MOV files it can vouch for
/// in-process (<see cref="IsoBmffProbe"/>, no process started), everything else through ffprobe.
/// </summary>
public static class MediaProbe
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    /// <summary>TESSERA_PROBE=ffprobe: always ask ffprobe (to compare, or to rule the in-process reader out).</summary>
    private static bool AlwaysFfprobe => Environment.GetEnvironmentVariable("TESSERA_PROBE") == "ffprobe";

    public static MediaInfo Probe(string path)
    {
        RequireReadableFile(path);
        if (!AlwaysFfprobe && IsoBmffProbe.TryRead(path) is { } info) return info;
        return ProbeWithFfprobe(path);
    }

    /// <summary>What ffprobe says, always through ffprobe.</summary>
    internal static MediaInfo ProbeWithFfprobe(string path)
    {
        RequireReadableFile(path);
        string json;
        try
        {
            json = ChildProcess.RunForText(FfmpegTools.Ffprobe,
                ["-v", "error", "-print_format", "json", "-show_format", "-show_streams", "--", path], Timeout);
        }
        catch (MediaError e) when (e.ExitCode == 2)
        {
            throw new MediaError($"{path}: not a readable media file ({Trim(e.Message)})");
        }
        var info = Parse(path, json);
        if (info.Streams.Count == 0)
            throw new MediaError($"{path}: has no audio or video streams");
        return info;
    }

    /// <summary>Fails with a clear message for a path that is missing, a folder, or empty.</summary>
    public static void RequireReadableFile(string path)
    {
        if (string.IsNullOrWhiteSpace(path)) throw new MediaError("no file was given");
        if (Directory.Exists(path)) throw new MediaError($"{path}: is a folder, not a media file");
        if (!File.Exists(path)) throw new MediaError($"{path}: file not found");
        // A shell's <(command) is a link to an anonymous pipe: it can be read once, while a media file is read
        // at least twice (probed, then decoded).
        var file = new FileInfo(path);
        if (file.LinkTarget is { } target && (target.StartsWith("pipe:", StringComparison.Ordinal) || target.StartsWith("socket:", StringComparison.Ordinal)))
            throw new MediaError($"{path}: is a pipe, not a file; media is read more than once (probed, then decoded): save it to a file and pass that");
        if (file.Length == 0) throw new MediaError($"{path}: file is empty");
    }

    private static string Trim(string message)
    {
        var i = message.IndexOf(": ", StringComparison.Ordinal);
        return i >= 0 ? message[(i + 2)..] : message;
    }

    internal static MediaInfo Parse(string path, string json)
    {
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        var streams = new List<StreamInfo>();
        if (root.TryGetProperty("streams", out var ss))
        {
            foreach (var s in ss.EnumerateArray())
            {
                var kind = Str(s, "codec_type") ?? "unknown";
                if (kind is not ("video" or "audio" or "subtitle")) continue;
                // Cover art in an MP3 or M4A shows up as a one-picture "video" stream: not a video.
                if (kind == "video" && s.TryGetProperty("disposition", out var d) && Int(d, "attached_pic") == 1) continue;
                streams.Add(new StreamInfo(
                    Index: Int(s, "index") ?? streams.Count,
                    Kind: kind,
                    Codec: Str(s, "codec_name") ?? "unknown",
                    DurationSeconds: Dbl(s, "duration"),
                    Width: kind == "video" ? Int(s, "width") : null,
                    Height: kind == "video" ? Int(s, "height") : null,
                    Fps: kind == "video" ? Rate(Str(s, "avg_frame_rate")) ?? Rate(Str(s, "r_frame_rate")) : null,
                    FrameCount: Long(s, "nb_frames"),
                    PixelFormat: Str(s, "pix_fmt"),
                    Rotation: RotationOf(s),
                    SampleRate: kind == "audio" ? Int(s, "sample_rate") : null,
                    Channels: kind == "audio" ? Int(s, "channels") : null));
            }
        }
        var format = root.TryGetProperty("format", out var f) ? f : default;
        var duration = format.ValueKind == JsonValueKind.Object ? Dbl(format, "duration") : null;
        duration ??= streams.Select(s => s.DurationSeconds).Where(x => x.HasValue).Select(x => x!.Value).DefaultIfEmpty(0).Max();
        return new MediaInfo(
            path,
            format.ValueKind == JsonValueKind.Object ? Str(format, "format_name") ?? "unknown" : "unknown",
            duration ?? 0,
            format.ValueKind == JsonValueKind.Object ? Long(format, "size") ?? 0 : 0,
            streams);
    }

    private static int RotationOf(JsonElement s)
    {
        // Newer ffprobe reports rotation as display-matrix side data; older as a "rotate" tag.
        if (s.TryGetProperty("side_data_list", out var sd))
            foreach (var item in sd.EnumerateArray())
                if (Int(item, "rotation") is { } r) return Normalise(r);
        if (s.TryGetProperty("tags", out var tags) && Str(tags, "rotate") is { } t &&
            int.TryParse(t, CultureInfo.InvariantCulture, out var rot)) return Normalise(rot);
        return 0;
        static int Normalise(int r) => ((r % 360) + 360) % 360;
    }

    private static string? Str(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) ? v.ValueKind == JsonValueKind.String ? v.GetString() : v.ToString() : null;

    private static double? Dbl(JsonElement e, string name) =>
        Str(e, name) is { } s && double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d) ? d : null;

    private static int? Int(JsonElement e, string name) =>
        Str(e, name) is { } s && double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? (int)d : null;

    private static long? Long(JsonElement e, string name) =>
        Str(e, name) is { } s && long.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var d) ? d : null;

    private static double? Rate(string? r)
    {
        if (r is null) return null;
        var parts = r.Split('/');
        if (parts.Length == 2 &&
            double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var n) &&
            double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && d > 0 && n > 0)
            return n / d;
        return null;
    }
}
