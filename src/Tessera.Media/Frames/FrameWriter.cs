using System.Globalization;

namespace Tessera.Media;

/// <summary>
/// Encodes packed RGB24 frames (and optional audio) into an H.264 yuv420p MP4 with +faststart,
/// through one ffmpeg process fed over a pipe. The file appears at its path only after
/// <see cref="Complete"/> succeeds; disposing without completing removes every trace.
/// </summary>
public sealed class FrameWriter : IDisposable
{
    private readonly FrameWriteOptions _options;
    private readonly AtomicFile _output;
    private readonly ChildProcess _ffmpeg;
    private readonly Stream _stdin;
    private bool _completed;

    public long FramesWritten { get; private set; }
    public int FrameBytes => _options.Width * _options.Height * 3;
    public string OutputPath => _output.FinalPath;

    private FrameWriter(FrameWriteOptions options, AtomicFile output, ChildProcess ffmpeg)
    {
        _options = options;
        _output = output;
        _ffmpeg = ffmpeg;
        _stdin = ffmpeg.StandardInput;
    }

    public static FrameWriter Create(string outputPath, FrameWriteOptions options)
    {
        options.Validate();
        var output = new AtomicFile(outputPath);
        var fps = options.Fps.ToString("R", CultureInfo.InvariantCulture);
        var args = new List<string>
        {
            "-nostdin", "-v", "error", "-y",
            "-f", "rawvideo", "-pix_fmt", "rgb24", "-s", $"{options.Width}x{options.Height}", "-r", fps, "-i", "-",
        };
        if (options.AudioPath is not null) args.AddRange(["-i", options.AudioPath]);
        args.AddRange(["-map", "0:v:0"]);
        if (options.AudioPath is not null) args.AddRange(["-map", "1:a:0", "-c:a", "aac", "-b:a", "160k", "-shortest"]);
        // yuv420p needs even sides: pad odd ones by one pixel rather than refuse the frame.
        if (options.Width % 2 != 0 || options.Height % 2 != 0)
            args.AddRange(["-vf", "pad=ceil(iw/2)*2:ceil(ih/2)*2"]);
        args.AddRange([
            "-c:v", "libx264", "-preset", options.Preset, "-crf", options.Crf.ToString(CultureInfo.InvariantCulture),
            "-pix_fmt", "yuv420p", "-movflags", "+faststart",
        ]);
        if (options.Metadata is not null)
            foreach (var (k, v) in options.Metadata) args.AddRange(["-metadata", $"{k}={v}"]);
        args.AddRange(["-f", "mp4", output.TempPath]);
        try
        {
            return new FrameWriter(options, output, ChildProcess.Start(FfmpegTools.Ffmpeg, args, timeout: null, redirectStdin: true));
        }
        catch
        {
            output.Dispose();
            throw;
        }
    }

    public void WriteFrame(ReadOnlySpan<byte> rgb)
    {
        if (_completed) throw new InvalidOperationException("the writer is already complete");
        if (rgb.Length != FrameBytes)
            throw new MediaError($"frame has {rgb.Length} bytes, {_options.Width}x{_options.Height} RGB needs {FrameBytes}");
        try
        {
            _stdin.Write(rgb);
        }
        catch (IOException e)
        {
            _ffmpeg.WaitForExit();
            throw new MediaError($"encoding {OutputPath} failed: {_ffmpeg.LastErrorLine()}", 1, e);
        }
        FramesWritten++;
    }

    /// <summary>Finishes encoding and moves the file into place. Throws if nothing was written.</summary>
    public void Complete()
    {
        if (_completed) return;
        if (FramesWritten == 0) throw new MediaError($"no frames were written to {OutputPath}");
        _stdin.Close();
        var code = _ffmpeg.WaitForExit();
        if (code != 0) throw new MediaError($"encoding {OutputPath} failed: {_ffmpeg.LastErrorLine()}", 1);
        _output.Commit();
        _completed = true;
    }

    /// <summary>Writes a whole clip in one call.</summary>
    public static void WriteAll(string outputPath, FrameWriteOptions options, IEnumerable<byte[]> frames)
    {
        using var writer = Create(outputPath, options);
        foreach (var f in frames) writer.WriteFrame(f);
        writer.Complete();
    }

    public void Dispose()
    {
        if (!_completed)
        {
            try { _stdin.Dispose(); } catch (IOException) { }
        }
        _ffmpeg.Dispose();
        _output.Dispose();
    }
}
