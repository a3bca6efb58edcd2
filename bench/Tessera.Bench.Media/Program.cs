// Frame reader / writer throughput at 1280x720 next to ffmpeg's own decode / encode of the same
// file, measured in one run (median of 3), so the ratio says what the pipe and our code cost.
// Usage: dotnet run -c Release --project bench/Tessera.Bench.Media [-- seconds]
using System.Diagnostics;
using System.Globalization;
using Tessera.Media;

var seconds = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 10;
const int W = 1280, H = 720, Fps = 30;
var frames = seconds * Fps;
var dir = Directory.CreateTempSubdirectory("tessera-bench-media-").FullName;
try
{
    var src = Path.Combine(dir, "src.mp4");
    var raw = Path.Combine(dir, "src.rgb");
    Ffmpeg("-f", "lavfi", "-i", $"testsrc2=size={W}x{H}:rate={Fps}:duration={seconds}", "-c:v", "libx264", "-preset", "medium", "-crf", "18", "-pix_fmt", "yuv420p", src);
    Ffmpeg("-i", src, "-f", "rawvideo", "-pix_fmt", "rgb24", raw);

    // Decode: ffmpeg to RGB24 discarded in-process vs our FrameReader pulling RGB24 through a pipe.
    var ffDecode = Median(() => Ffmpeg("-i", src, "-f", "rawvideo", "-pix_fmt", "rgb24", "-y", "/dev/null"));
    var ourDecode = Median(() =>
    {
        using var r = FrameReader.Open(src);
        var buf = new byte[r.FrameBytes];
        var n = 0;
        while (r.ReadFrame(buf)) n++;
        if (n != frames) throw new InvalidOperationException($"read {n} frames, expected {frames}");
    });

    // Encode: ffmpeg reading the raw RGB file vs our FrameWriter fed from memory, same x264 settings.
    var ffEncode = Median(() => Ffmpeg("-f", "rawvideo", "-pix_fmt", "rgb24", "-s", $"{W}x{H}", "-r", $"{Fps}", "-i", raw,
        "-c:v", "libx264", "-preset", "medium", "-crf", "18", "-pix_fmt", "yuv420p", "-movflags", "+faststart", Path.Combine(dir, "ff.mp4")));
    var rgb = File.ReadAllBytes(raw);
    var frameBytes = W * H * 3;
    var ourEncode = Median(() =>
    {
        using var w = FrameWriter.Create(Path.Combine(dir, "ours.mp4"), new FrameWriteOptions(W, H, Fps, Crf: 18, Preset: "medium"));
        for (var i = 0; i < frames; i++) w.WriteFrame(rgb.AsSpan(i * frameBytes, frameBytes));
        w.Complete();
    });

    Console.WriteLine($"| operation (1280x720, {frames} frames) | ffmpeg alone | Tessera | Tessera / ffmpeg |");
    Console.WriteLine("| --- | --- | --- | --- |");
    Row("decode to RGB24", ffDecode, ourDecode);
    Row("encode H.264 medium crf 18", ffEncode, ourEncode);
}
finally
{
    Directory.Delete(dir, recursive: true);
}

void Row(string name, double ff, double ours) =>
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"| {name} | {frames / ff:0.0} frames/s | {frames / ours:0.0} frames/s | {ff / ours:0.00}x speed |"));

static double Median(Action run)
{
    var times = new List<double>();
    for (var i = 0; i < 3; i++)
    {
        var sw = Stopwatch.StartNew();
        run();
        times.Add(sw.Elapsed.TotalSeconds);
    }
    times.Sort();
    return times[1];
}

static void Ffmpeg(params string[] args) =>
    ChildProcess.RunForText(FfmpegTools.Ffmpeg, ["-nostdin", "-v", "error", "-y", .. args], TimeSpan.FromMinutes(10));
