using Tessera.Bench.Torch.Report;
using TorchSharp;
using static TorchSharp.torch;

namespace Tessera.Bench.Torch.Timing;

/// <summary>Square matrix products: the ceiling a training step can approach on a device.</summary>
public static class MatmulBench
{
    public static BenchResult Run(Device device, BenchPrecision precision, int n, double minimumSeconds)
    {
        using var scope = NewDisposeScope();
        precision.Apply(device);
        var a = randn(n, n, dtype: precision.StorageType, device: device);
        var b = randn(n, n, dtype: precision.StorageType, device: device);
        var clock = new DeviceClock(device);
        // Warm-up: the first calls pick kernels (cuBLAS heuristics, oneDNN primitives) and grow allocators.
        clock.Time(2, () => matmul(a, b).Dispose());
        var (each, repeats) = clock.TimeAdaptively(minimumSeconds, () => matmul(a, b).Dispose());
        var flops = 2.0 * n * n * n;
        return new BenchResult(DeviceName(device), "matmul", precision.Name, $"{n}x{n} @ {n}x{n}", repeats,
            each, clock.LastProcessorSecondsEach, flops / each / 1e9, TokensPerSecond: null, FinalLoss: null);
    }

    internal static string DeviceName(Device device) => device.type == DeviceType.CUDA ? "cuda" : "cpu";
}
