using System.Diagnostics;
using Tessera.Engine.Native;
using TorchSharp;
using static TorchSharp.torch;

namespace Tessera.Engine.Training;

/// <summary>Matrix-multiply speed of this machine in one dtype, the peak that MFU is measured against.</summary>
public sealed record MatmulPeak(ScalarType DType, int Size, double GflopsPerSecond)
{
    /// <summary>One line for a training log: what was measured, on how many threads, and the rate.</summary>
    public string Describe() => string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"matmul peak ({Size}², {Dit.ComputePrecision.Name(DType)}, {torch.get_num_threads()} threads): {GflopsPerSecond:0.0} GFLOP/s");
}

/// <summary>
/// Measures this machine's peak: the best of several timed n×n matmuls through TorchSharp (the same
/// kernels training uses), after a warm-up. MFU = model FLOPs actually done per second ÷ this peak.
/// </summary>
public static class ThroughputProbe
{
    public static MatmulPeak MeasureMatmul(ScalarType dtype, int size = 2048, int repeats = 5)
    {
        TorchNative.EnsureLoaded();
        using var scope = torch.NewDisposeScope();
        using var _ = torch.no_grad();
        var a = torch.randn([size, size]).to_type(dtype);
        var b = torch.randn([size, size]).to_type(dtype);
        torch.matmul(a, b).Dispose();                                    // warm-up: packing buffers, thread pool
        var best = double.MaxValue;
        for (var i = 0; i < repeats; i++)
        {
            var sw = Stopwatch.StartNew();
            torch.matmul(a, b).Dispose();
            best = Math.Min(best, sw.Elapsed.TotalSeconds);
        }
        return new MatmulPeak(dtype, size, 2.0 * size * size * size / best / 1e9);
    }

    /// <summary>
    /// The peak MFU is measured against, for a training device: this CPU's, or null on a GPU, whose peak
    /// a CPU matmul says nothing about (no MFU is reported there).
    /// </summary>
    public static MatmulPeak? MeasureForDevice(string device, ScalarType dtype) =>
        device.StartsWith("cpu", StringComparison.OrdinalIgnoreCase) ? MeasureMatmul(dtype) : null;

    /// <summary>Model FLOPs utilisation: achieved FLOP/s over the peak (0..1).</summary>
    public static double Mfu(double samplesPerSecond, double flopsPerSample, MatmulPeak peak) =>
        samplesPerSecond * flopsPerSample / (peak.GflopsPerSecond * 1e9);
}
