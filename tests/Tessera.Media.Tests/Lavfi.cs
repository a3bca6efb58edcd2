using System.Globalization;

namespace Tessera.Media.Tests;

/// <summary>Makes source media with ffmpeg's own generators (lavfi), as a user's files would be made.</summary>
public static class Lavfi
{
    public static string Make(string output, params string[] args)
    {
        ChildProcess.RunForText(FfmpegTools.Ffmpeg, ["-nostdin", "-v", "error", "-y", .. args, output], TimeSpan.FromSeconds(60));
        return output;
    }

    public static string Tone(string output, double seconds, int hz = 440) =>
        Make(output, "-f", "lavfi", "-i", string.Create(CultureInfo.InvariantCulture, $"sine=frequency={hz}:duration={seconds}"), "-c:a", "pcm_s16le");

    public static string TestPattern(string output, int width, int height, double seconds, int fps = 25) =>
        Make(output, "-f", "lavfi", "-i", string.Create(CultureInfo.InvariantCulture, $"testsrc2=size={width}x{height}:rate={fps}:duration={seconds}"),
            "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p");
}
