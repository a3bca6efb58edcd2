using System.Globalization;
using Tessera.Media;
using Tessera.World.Scenes;

namespace Tessera.World.Datasets;

/// <summary>
/// Encodes many short clips of one format with a single ffmpeg process: the clips are fed back to back and
/// ffmpeg's segment muxer cuts one MP4 per clip at forced keyframes (no B-frames, so each file starts at 0).
/// Starting ffmpeg costs about 0.2 s of CPU, far more than encoding a 64×64×16 clip, so a data set written
/// one process per clip would spend most of its time starting ffmpeg. The files appear at their final paths
/// only after ffmpeg succeeded (written in a temp folder, then renamed).
/// </summary>
public sealed class ClipBatchEncoder
{
    private readonly SceneFormat _format;
    private readonly int _crf;

    public ClipBatchEncoder(SceneFormat format, int crf)
    {
        _format = format.Validate();
        if (crf is < 0 or > 51) throw new TesseraError($"crf {crf} is out of range: use 0..51");
        _crf = crf;
    }

    /// <summary>
    /// Writes clip k's frames (from <paramref name="render"/>, called in order, one clip at a time) to outputPaths[k].
    /// All output paths must be in one folder.
    /// </summary>
    public void Encode(IReadOnlyList<string> outputPaths, Action<int, Action<ReadOnlySpan<byte>>> render)
    {
        if (outputPaths.Count == 0) return;
        var folder = Path.GetDirectoryName(Path.GetFullPath(outputPaths[0]))!;
        var temp = Path.Combine(folder, $".batch-tmp-{Environment.ProcessId}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(temp);
        try
        {
            var f = _format.Frames;
            var args = new List<string>
            {
                "-nostdin", "-v", "error", "-y",
                "-f", "rawvideo", "-pix_fmt", "rgb24", "-s", $"{_format.Width}x{_format.Height}",
                "-r", _format.Fps.ToString("R", CultureInfo.InvariantCulture), "-i", "-",
            };
            if (_format.Width % 2 != 0 || _format.Height % 2 != 0) args.AddRange(["-vf", "pad=ceil(iw/2)*2:ceil(ih/2)*2"]);
            args.AddRange([
                "-c:v", "libx264", "-preset", "fast", "-crf", _crf.ToString(CultureInfo.InvariantCulture), "-bf", "0",
                "-pix_fmt", "yuv420p", "-force_key_frames", $"expr:eq(mod(n,{f}),0)",
                "-x264-params", $"keyint={f}:min-keyint={f}:scenecut=0",
                "-f", "segment", "-reset_timestamps", "1", "-segment_format", "mp4",
                "-segment_format_options", "movflags=+faststart",
            ]);
            if (outputPaths.Count > 1)
                args.AddRange(["-segment_frames", string.Join(',', Enumerable.Range(1, outputPaths.Count - 1).Select(k => (k * f).ToString(CultureInfo.InvariantCulture)))]);
            args.Add(Path.Combine(temp, "%06d.mp4"));

            using (var ffmpeg = ChildProcess.Start(FfmpegTools.Ffmpeg, args, timeout: null, redirectStdin: true))
            {
                var stdin = ffmpeg.StandardInput;
                var frameBytes = _format.Width * _format.Height * 3;
                try
                {
                    for (var k = 0; k < outputPaths.Count; k++)
                    {
                        var written = 0;
                        render(k, frame =>
                        {
                            if (frame.Length != frameBytes) throw new MediaError($"frame has {frame.Length} bytes, expected {frameBytes}");
                            stdin.Write(frame);
                            written++;
                        });
                        if (written != f) throw new InvalidOperationException($"clip {k} rendered {written} frames, expected {f}");
                    }
                    stdin.Close();
                }
                catch (IOException e)
                {
                    ffmpeg.WaitForExit();
                    throw new MediaError($"encoding clips into {folder} failed: {ffmpeg.LastErrorLine()}", 1, e);
                }
                if (ffmpeg.WaitForExit() != 0) throw new MediaError($"encoding clips into {folder} failed: {ffmpeg.LastErrorLine()}", 1);
            }
            for (var k = 0; k < outputPaths.Count; k++)
            {
                var segment = Path.Combine(temp, k.ToString("D6", CultureInfo.InvariantCulture) + ".mp4");
                if (!File.Exists(segment)) throw new MediaError($"encoding clips into {folder} produced {k} of {outputPaths.Count} files", 1);
                File.Move(segment, outputPaths[k], overwrite: true);
            }
        }
        finally
        {
            try { Directory.Delete(temp, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }
}
