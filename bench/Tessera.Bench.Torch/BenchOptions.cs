using Tessera.Bench.Torch.Model;

namespace Tessera.Bench.Torch;

/// <summary>What one run measures, already checked.</summary>
public sealed record BenchOptions(
    bool Cuda, string? JsonPath, string? LibTorchDirectory, IReadOnlyList<int> MatrixSizes,
    int TimedSteps, int WarmupSteps, BenchTransformerShape Shape, int? Threads, double MinimumSeconds);
