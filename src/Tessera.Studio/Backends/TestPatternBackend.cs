using System.Security.Cryptography;
using System.Text;
using Tessera.Media;

namespace Tessera.Studio.Backends;

/// <summary>
/// A backend for exercising the queue, not for making content: each variant is a real H.264 MP4 of a flat colour
/// derived from the prompt and seed, written frame by frame with a configurable pause (to stand in for model
/// time). `tessera serve|worker --backend test-pattern` uses it for queue tests and benchmarks, where the cost
/// of a real model would hide what is measured. Set TESSERA_TEST_PATTERN_LOG to a file to get one line
/// "JOBID PID" appended per execution (tests use it to prove no job runs twice across processes).
/// </summary>
public sealed class TestPatternBackend(TimeSpan frameDelay) : IGenerationBackend, IRenderBackend
{
    public static TestPatternBackend FromEnvironment() =>
        new(TimeSpan.FromMilliseconds(int.TryParse(Environment.GetEnvironmentVariable("TESSERA_TEST_PATTERN_DELAY_MS"), out var ms) ? ms : 40));

    public IReadOnlyList<GeneratedClip> Generate(GenerationInput input, string workDir, IProgress<ProgressUpdate> progress, CancellationToken ct)
    {
        LogExecution(input.JobId);
        var clips = new List<GeneratedClip>();
        var spec = input.Spec;
        for (var v = 0; v < spec.Variants; v++)
        {
            var seed = spec.Seed + v;
            var path = Path.Combine(workDir, $"variant-{v + 1}.mp4");
            WriteClip(path, spec.Width, spec.Height, spec.Fps, spec.Frames, Colour($"{spec.Prompt}#{seed}"),
                f => progress.Report(new ProgressUpdate(v * spec.Frames + f, spec.Variants * spec.Frames, $"variant {v + 1}")), ct);
            clips.Add(new GeneratedClip(path, seed));
        }
        return clips;
    }

    public void Render(RenderInput input, string outputPath, IProgress<ProgressUpdate> progress, CancellationToken ct)
    {
        LogExecution(input.JobId);
        WriteClip(outputPath, 64, 64, 8, 16, Colour(input.TimelineJson), f => progress.Report(new ProgressUpdate(f, 16)), ct);
    }

    private void WriteClip(string path, int width, int height, double fps, int frames, (byte R, byte G, byte B) rgb,
        Action<int> onFrame, CancellationToken ct)
    {
        var frame = new byte[width * height * 3];
        for (var i = 0; i < frame.Length; i += 3) (frame[i], frame[i + 1], frame[i + 2]) = rgb;
        using var writer = FrameWriter.Create(path, new FrameWriteOptions(width, height, fps, Crf: 23, Preset: "ultrafast"));
        for (var f = 0; f < frames; f++)
        {
            ct.ThrowIfCancellationRequested();
            if (frameDelay > TimeSpan.Zero) Thread.Sleep(frameDelay);
            writer.WriteFrame(frame);
            onFrame(f + 1);
        }
        writer.Complete();
    }

    /// <summary>A saturated colour from a hash of the text, so different prompts look different.</summary>
    public static (byte R, byte G, byte B) Colour(string text)
    {
        var h = SHA256.HashData(Encoding.UTF8.GetBytes(text));
        return ((byte)(h[0] | 0x40), (byte)(h[1] & 0xBF), (byte)(h[2] | 0x20));
    }

    private static void LogExecution(string jobId)
    {
        if (Environment.GetEnvironmentVariable("TESSERA_TEST_PATTERN_LOG") is not { Length: > 0 } log) return;
        // .NET's append mode seeks to the end rather than opening with O_APPEND, so two writers (worker
        // loops or processes) could overwrite each other's line. FileShare.None takes an exclusive
        // lock (flock on Unix): writers queue up and every line survives.
        var line = Encoding.UTF8.GetBytes($"{jobId} {Environment.ProcessId}\n");
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                using var stream = new FileStream(log, FileMode.Append, FileAccess.Write, FileShare.None);
                stream.Write(line);
                return;
            }
            catch (IOException) when (attempt < 2000)
            {
                Thread.Sleep(5);
            }
        }
    }
}
