using System.Globalization;
using System.Text;
using Tessera.Media;

namespace Tessera.Edit;

/// <summary>
/// Runs one ffmpeg render with <c>-progress pipe:1</c>, turning its out_time lines into progress
/// (seconds done of seconds total). Cancelling kills ffmpeg; a failure carries ffmpeg's last error line.
/// </summary>
internal static class FfmpegRender
{
    /// <summary>
    /// TESSERA_DEBUG=1: the ffmpeg command is printed to stderr before it runs (to time or rerun it by hand),
    /// ffmpeg's full output is shown on failure, and the work folder (filter graph, text files) is kept.
    /// </summary>
    public static bool Debugging => Environment.GetEnvironmentVariable("TESSERA_DEBUG") == "1";

    public static void Run(IReadOnlyList<string> args, double totalSeconds, IProgress<ProgressUpdate>? progress, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        if (Debugging) Console.Error.WriteLine($"tessera: running {FfmpegTools.Ffmpeg} {string.Join(' ', args.Select(Quote))}");
        // No wall-clock deadline: a long timeline legitimately takes long; cancellation is the way to stop.
        using var child = ChildProcess.Start(FfmpegTools.Ffmpeg, args);
        using var kill = ct.Register(child.Dispose);
        using var reader = new StreamReader(child.StandardOutput, Encoding.UTF8);
        string? line;
        try
        {
            while ((line = reader.ReadLine()) is not null)
            {
                if (progress is null) continue;
                if (line.StartsWith("out_time_us=", StringComparison.Ordinal) || line.StartsWith("out_time_ms=", StringComparison.Ordinal))
                {
                    // Both keys carry microseconds (out_time_ms is misnamed in ffmpeg).
                    if (long.TryParse(line.AsSpan(line.IndexOf('=') + 1), NumberStyles.Integer, CultureInfo.InvariantCulture, out var us) && us >= 0)
                        progress.Report(new ProgressUpdate(Math.Min(totalSeconds, us / 1e6), totalSeconds));
                }
                else if (line == "progress=end") progress.Report(new ProgressUpdate(totalSeconds, totalSeconds));
            }
        }
        catch (IOException) when (ct.IsCancellationRequested) { }
        catch (ObjectDisposedException) when (ct.IsCancellationRequested) { }
        ct.ThrowIfCancellationRequested();
        var code = child.WaitForExit();
        ct.ThrowIfCancellationRequested();
        if (code != 0)
            throw new MediaError(Debugging
                ? $"ffmpeg failed while rendering:\n{child.Stderr}\nffmpeg {string.Join(' ', args)}"
                : $"ffmpeg failed while rendering: {child.LastErrorLine()} (TESSERA_DEBUG=1 shows ffmpeg's full output and keeps the filter graph)", 1);
    }

    /// <summary>Single-quotes an argument for a POSIX shell when it needs it, so the printed command can be pasted.</summary>
    private static string Quote(string arg) =>
        arg.Length > 0 && arg.All(c => char.IsAsciiLetterOrDigit(c) || "-_./:=+,@%".Contains(c)) ? arg : $"'{arg.Replace("'", "'\\''")}'";
}
