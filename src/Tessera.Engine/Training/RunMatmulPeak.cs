using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Tessera.Media;
using static TorchSharp.torch;

namespace Tessera.Engine.Training;

/// <summary>
/// The best matmul peak a run folder has measured, kept in RUN/matmul-peak.json. A run resumed while something
/// else loads the machine measures a low peak, and its MFU then reads over 100 %; measuring against the best
/// peak the run has seen (same dtype, size and thread count) keeps MFU comparable across its restarts.
/// </summary>
public static class RunMatmulPeak
{
    public const string FileName = "matmul-peak.json";

    private sealed record Stored(
        [property: JsonPropertyName("dtype")] string DType,
        [property: JsonPropertyName("size")] int Size,
        [property: JsonPropertyName("threads")] int Threads,
        [property: JsonPropertyName("gflops")] double Gflops);

    /// <summary>
    /// Measures this device's peak (<see cref="ThroughputProbe.MeasureForDevice"/>) and picks the one MFU is measured
    /// against (<see cref="Best"/>), on torch's current thread count; null on a GPU. Both training commands start so.
    /// </summary>
    public static (MatmulPeak Measured, MatmulPeak Best)? Measure(string device, ScalarType dtype, string runDir)
    {
        var measured = ThroughputProbe.MeasureForDevice(device, dtype);
        return measured is null ? null : (measured, Best(runDir, measured, get_num_threads()));
    }

    /// <summary>
    /// The peak to measure MFU against: <paramref name="measured"/>, or the run's stored one when that is higher
    /// and was taken the same way. A missing, unreadable or different record is ignored (it only ever raises the peak).
    /// </summary>
    public static MatmulPeak Best(string runDir, MatmulPeak measured, int threads)
    {
        var path = Path.Combine(runDir, FileName);
        if (!File.Exists(path)) return measured;
        try
        {
            var s = JsonSerializer.Deserialize<Stored>(File.ReadAllText(path));
            if (s is not null && s.DType == measured.DType.ToString() && s.Size == measured.Size && s.Threads == threads
                && double.IsFinite(s.Gflops) && s.Gflops > measured.GflopsPerSecond)
                return measured with { GflopsPerSecond = s.Gflops };
        }
        catch (JsonException) { }
        catch (IOException) { }
        return measured;
    }

    /// <summary>Records <paramref name="peak"/> as the run's best (atomically), when the run folder exists.</summary>
    public static void Save(string runDir, MatmulPeak peak, int threads)
    {
        if (!Directory.Exists(runDir)) return;
        var best = Best(runDir, peak, threads);
        AtomicFile.WriteAllText(Path.Combine(runDir, FileName),
            JsonSerializer.Serialize(new Stored(best.DType.ToString(), best.Size, threads, Math.Round(best.GflopsPerSecond, 3))) + "\n");
    }

    /// <summary>The log line: the peak measured now and, when higher, the run's best that MFU uses.</summary>
    public static string Describe(MatmulPeak measured, MatmulPeak best) =>
        best.GflopsPerSecond > measured.GflopsPerSecond
            ? measured.Describe() + string.Create(CultureInfo.InvariantCulture,
                $"; MFU is against this run's best, {best.GflopsPerSecond:0.0} GFLOP/s (the machine is busier now)")
            : measured.Describe();
}
