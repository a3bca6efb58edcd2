using System.Globalization;

namespace Tessera.Media;

/// <summary>How to read frames: where to start, how many, and at what rate and size.</summary>
/// <param name="StartSeconds">Seek to this time before the first frame.</param>
/// <param name="MaxFrames">Stop after this many frames (null: to the end).</param>
/// <param name="Fps">Resample to this rate (null: the file's own).</param>
/// <param name="Width">Scale to this width (null: the file's; with Height null, keep aspect).</param>
/// <param name="Height">Scale to this height.</param>
public sealed record FrameReadOptions(
    double StartSeconds = 0,
    int? MaxFrames = null,
    double? Fps = null,
    int? Width = null,
    int? Height = null);

/// <summary>
/// Streams any ffmpeg-readable video (or image) as packed RGB24 frames through a pipe.
/// Memory stays constant whatever the file's length: one frame is in flight at a time.
/// </summary>
public sealed class FrameReader : IDisposable
{
    /// <summary>The largest side we accept: beyond this a frame is surely a mistake (16K).</summary>
    public const int MaxSide = 16384;
    private static readonly TimeSpan StallTimeout = TimeSpan.FromMinutes(2);

    private readonly ChildProcess _ffmpeg;
    private readonly string _path;
    private bool _ended;

    public int Width { get; }
    public int Height { get; }
    public double Fps { get; }
    public int FrameBytes => Width * Height * 3;
    public long FramesRead { get; private set; }
    public MediaInfo Info { get; }
    internal int DecoderProcessId => _ffmpeg.ProcessId;
    private readonly FrameReadOptions _options;

    private FrameReader(string path, MediaInfo info, FrameReadOptions options, ChildProcess ffmpeg, int width, int height, double fps)
    {
        _path = path;
        _options = options;
        Info = info;
        _ffmpeg = ffmpeg;
        Width = width;
        Height = height;
        Fps = fps;
    }

    public static FrameReader Open(string path, FrameReadOptions? options = null)
    {
        options ??= new FrameReadOptions();
        var info = MediaProbe.Probe(path);
        var video = info.Video ?? throw new MediaError($"{path}: has no video stream");
        var (srcW, srcH) = video.DisplaySize ?? throw new MediaError($"{path}: video stream has no size");
        if (srcW <= 0 || srcH <= 0 || srcW > MaxSide || srcH > MaxSide)
            throw new MediaError($"{path}: video size {srcW}x{srcH} is outside 1..{MaxSide}");
        if (options.StartSeconds < 0 || !double.IsFinite(options.StartSeconds))
            throw new MediaError($"start time must be ≥ 0 seconds, got {options.StartSeconds}");
        if (options.MaxFrames is < 0) throw new MediaError($"frame count must be ≥ 0, got {options.MaxFrames}");
        if (options.Fps is { } f && (!(f > 0) || f > 1000)) throw new MediaError($"fps must be in (0, 1000], got {f}");
        if (options.Width is { } ow && (ow < 1 || ow > MaxSide)) throw new MediaError($"width must be 1..{MaxSide}, got {ow}");
        if (options.Height is { } oh && (oh < 1 || oh > MaxSide)) throw new MediaError($"height must be 1..{MaxSide}, got {oh}");

        var (w, h) = TargetSize(srcW, srcH, options.Width, options.Height);
        var fps = options.Fps ?? video.Fps ?? 25;
        var filters = new List<string>();
        if (options.Fps is { } rate) filters.Add(string.Create(CultureInfo.InvariantCulture, $"fps={rate}"));
        if ((w, h) != (srcW, srcH)) filters.Add($"scale={w}:{h}:flags=bicubic");

        var args = new List<string> { "-nostdin", "-v", "error" };
        if (options.StartSeconds > 0) args.AddRange(["-ss", options.StartSeconds.ToString("R", CultureInfo.InvariantCulture)]);
        args.AddRange(["-i", path, "-map", "0:v:0", "-an", "-sn"]);
        if (filters.Count > 0) args.AddRange(["-vf", string.Join(',', filters)]);
        if (options.MaxFrames is { } n) args.AddRange(["-frames:v", n.ToString(CultureInfo.InvariantCulture)]);
        args.AddRange(["-f", "rawvideo", "-pix_fmt", "rgb24", "-"]);
        // The deadline guards against a decoder that stalls forever; long files read at ≫ real time.
        var timeout = TimeSpan.FromSeconds(Math.Max(StallTimeout.TotalSeconds, info.DurationSeconds * 4));
        var child = ChildProcess.Start(FfmpegTools.Ffmpeg, args, timeout);
        return new FrameReader(path, info, options, child, w, h, fps);
    }

    /// <summary>Reads every frame into memory (for short clips; use ReadFrame to stream long ones).</summary>
    public static List<byte[]> ReadAll(string path, FrameReadOptions? options, out int width, out int height, out double fps)
    {
        using var reader = Open(path, options);
        var frames = new List<byte[]>();
        while (true)
        {
            var buf = new byte[reader.FrameBytes];
            if (!reader.ReadFrame(buf)) break;
            frames.Add(buf);
        }
        (width, height, fps) = (reader.Width, reader.Height, reader.Fps);
        if (frames.Count == 0) throw new MediaError($"{path}: no frames could be decoded" +
            (options?.StartSeconds > 0 ? $" after {options.StartSeconds} s" : ""));
        return frames;
    }

    /// <summary>Fills <paramref name="destination"/> with the next RGB24 frame; false at the end.</summary>
    public bool ReadFrame(Span<byte> destination)
    {
        if (destination.Length < FrameBytes)
            throw new ArgumentException($"buffer holds {destination.Length} bytes, a frame needs {FrameBytes}");
        if (_ended) return false;
        var stream = _ffmpeg.StandardOutput;
        var got = stream.ReadAtLeast(destination[..FrameBytes], FrameBytes, throwOnEndOfStream: false);
        if (got == FrameBytes)
        {
            FramesRead++;
            return true;
        }
        _ended = true;
        var code = _ffmpeg.WaitForExit();
        if (_ffmpeg.TimedOut) throw new MediaError($"{_path}: decoding stalled and was stopped", 1);
        if (code != 0)
            throw new MediaError($"{_path}: decoding failed after {FramesRead} frames ({_ffmpeg.LastErrorLine()})");
        if (got != 0)
            throw new MediaError($"{_path}: the last frame was cut short (truncated file?)");
        if (ExpectedFrames() is { } expected && FramesRead < expected * 0.9 - 1)
            throw new MediaError($"{_path}: only {FramesRead} of about {expected} frames could be decoded (truncated or damaged file?)");
        return false;
    }

    /// <summary>
    /// How many frames a whole read should yield, from the container's own count or duration, so a
    /// truncated file (ffmpeg often exits 0 on one) is reported instead of silently coming up short.
    /// </summary>
    private long? ExpectedFrames()
    {
        if (_options.MaxFrames is not null || _options.StartSeconds > 0) return null;
        var v = Info.Video!;
        if (_options.Fps is null && v.FrameCount is > 1) return v.FrameCount;
        var duration = v.DurationSeconds ?? Info.DurationSeconds;
        return duration > 0 && Info.Format != "image2" && !Info.Format.Contains("_pipe", StringComparison.Ordinal)
            ? (long)Math.Floor(duration * Fps)
            : null;
    }

    private static (int W, int H) TargetSize(int srcW, int srcH, int? w, int? h)
    {
        if (w is { } a && h is { } b) return (a, b);
        // Keep aspect, and an even size so it can be re-encoded as yuv420p without padding.
        if (w is { } ww) return (ww, Math.Max(1, (int)Math.Round(srcH * (double)ww / srcW)));
        if (h is { } hh) return (Math.Max(1, (int)Math.Round(srcW * (double)hh / srcH)), hh);
        return (srcW, srcH);
    }

    public void Dispose() => _ffmpeg.Dispose();
}
