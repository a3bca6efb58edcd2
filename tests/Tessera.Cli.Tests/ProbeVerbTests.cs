using System.Text.Json;
using Tessera.Media.Tests;

namespace Tessera.Cli.Tests;

public sealed class ProbeVerbTests
{
    [Fact]
    public void PrintsSizeFpsDurationAndStreams()
    {
        using var dir = new TempFolder();
        var clip = Lavfi.Make(dir.File("clip.mp4"), "-f", "lavfi", "-i", "testsrc2=size=320x180:rate=30:duration=2",
            "-f", "lavfi", "-i", "sine=duration=2", "-c:v", "libx264", "-preset", "ultrafast", "-c:a", "aac", "-shortest");
        var r = CliProcess.Run(["probe", clip]);
        Assert.Equal(0, r.ExitCode);
        Assert.Matches(@"width\s+320", r.Stdout);
        Assert.Matches(@"height\s+180", r.Stdout);
        Assert.Matches(@"fps\s+30", r.Stdout);
        Assert.Matches(@"duration\s+2(\.0\d*)? s", r.Stdout);
        Assert.Contains("h264", r.Stdout);
        Assert.Contains("aac", r.Stdout);
    }

    [Fact]
    public void JsonOutputParses()
    {
        using var dir = new TempFolder();
        var clip = Lavfi.TestPattern(dir.File("clip.mp4"), 128, 72, 1, fps: 25);
        var r = CliProcess.Run(["probe", clip, "--json"]);
        Assert.Equal(0, r.ExitCode);
        using var doc = JsonDocument.Parse(r.Stdout);
        var video = doc.RootElement.GetProperty("streams")[0];
        Assert.Equal("video", video.GetProperty("kind").GetString());
        Assert.Equal(128, video.GetProperty("width").GetInt32());
        Assert.Equal(25, video.GetProperty("fps").GetDouble(), 3);
    }

    [Fact]
    public void GarbageGivesOneLineError()
    {
        using var dir = new TempFolder();
        var junk = dir.File("junk.mp4");
        File.WriteAllBytes(junk, Enumerable.Range(0, 5000).Select(i => (byte)(i * 7919 % 251)).ToArray());
        CliProcess.AssertCleanError(CliProcess.Run(["probe", junk]), "junk.mp4");
        CliProcess.AssertCleanError(CliProcess.Run(["probe", dir.File("missing.mp4")]), "not found");
    }

    [Fact]
    public void MissingFfmpegIsNamedWithTheInstallCommand()
    {
        // Matroska needs ffprobe (only MP4/MOV metadata is read in-process).
        using var dir = new TempFolder();
        var r = ProbeWithoutFfmpeg(Lavfi.TestPattern(dir.File("clip.mkv"), 64, 64, 1));
        CliProcess.AssertCleanError(r, "apt-get install");
    }

    [Fact]
    public void AnMp4IsProbedWithoutFfmpegOnThePath()
    {
        using var dir = new TempFolder();
        var r = ProbeWithoutFfmpeg(Lavfi.TestPattern(dir.File("clip.mp4"), 64, 48, 1));
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("64x48", r.Stdout);
    }

    /// <summary>`tessera probe CLIP` with only dotnet's folder on the PATH (no ffmpeg, no ffprobe).</summary>
    private static CliProcess.Result ProbeWithoutFfmpeg(string clip) =>
        CliProcess.Run(["probe", clip], new Dictionary<string, string> { ["PATH"] = Path.GetDirectoryName(Environment.ProcessPath)! });
}
