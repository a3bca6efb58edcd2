using Tessera.Media;

namespace Tessera.Studio.Workers;

/// <summary>
/// Marks every video the studio makes as AI generated: always in the container metadata (comment and
/// description tags, read by players and `ffprobe`), and burned into the picture when the user asks.
/// </summary>
public static class AiLabel
{
    public const string Text = "AI generated / AI生成";

    private static readonly Lazy<string?> CjkFont = new(() => new[]
    {
        "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
        "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc",
        "/usr/share/fonts/truetype/noto/NotoSansCJK-Regular.ttc",
    }.FirstOrDefault(File.Exists));

    /// <summary>Writes a labelled copy of <paramref name="input"/> to <paramref name="output"/> (atomically).</summary>
    public static void Apply(string input, string output, bool visible, CancellationToken ct)
    {
        using var target = new AtomicFile(output);
        var args = new List<string> { "-nostdin", "-v", "error", "-y", "-i", input, "-map", "0" };
        if (visible)
        {
            var font = CjkFont.Value is { } f ? $"fontfile={f}" : "font=Noto Sans CJK SC";
            args.AddRange([
                "-vf", $"drawtext={font}:text='AI生成 AI':fontcolor=white:fontsize=max(8\\,h/9):box=1:boxcolor=black@0.55:boxborderw=2:x=w-tw-3:y=h-th-3",
                "-c:v", "libx264", "-preset", "veryfast", "-crf", "18", "-pix_fmt", "yuv420p", "-c:a", "copy",
            ]);
        }
        else
        {
            args.AddRange(["-c", "copy"]);
        }
        args.AddRange(["-metadata", $"comment={Text}", "-metadata", $"description={Text}", "-movflags", "+faststart", "-f", "mp4", target.TempPath]);
        ct.ThrowIfCancellationRequested();
        // A short remux (or a re-encode of a short clip): bounded by a deadline rather than made cancellable.
        using var ffmpeg = ChildProcess.Start(FfmpegTools.Ffmpeg, args, TimeSpan.FromMinutes(10));
        var code = ffmpeg.WaitForExit();
        if (code != 0) throw new MediaError($"labelling {Path.GetFileName(input)} failed: {ffmpeg.LastErrorLine()}", 1);
        target.Commit();
    }
}
