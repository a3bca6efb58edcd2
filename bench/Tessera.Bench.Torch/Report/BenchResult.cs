namespace Tessera.Bench.Torch.Report;

/// <summary>One timed measurement.</summary>
/// <param name="Device">"cpu" or "cuda".</param>
/// <param name="Kind">"matmul" or "train-step".</param>
/// <param name="DType">"f32", "tf32" (f32 storage, TF32 tensor-core math) or "bf16".</param>
/// <param name="Shape">What was timed ("2048x2048 @ 2048x2048", or the transformer's shape).</param>
/// <param name="Repeats">Timed repetitions after the warm-up.</param>
/// <param name="SecondsEach">Mean wall time of one repetition.</param>
/// <param name="ProcessorSecondsEach">Processor time of this process per repetition, all threads (see DeviceClock).</param>
/// <param name="GflopPerSecond">Arithmetic rate (for a training step: its matmul and attention FLOPs over its time).</param>
/// <param name="TokensPerSecond">Training tokens per second; null for matmuls.</param>
/// <param name="FinalLoss">Loss after the last timed step (a finite number shows the step did real work); null for matmuls.</param>
public sealed record BenchResult(
    string Device, string Kind, string DType, string Shape, int Repeats,
    double SecondsEach, double ProcessorSecondsEach, double GflopPerSecond, double? TokensPerSecond, double? FinalLoss);

/// <summary>Everything one run measured, and where.</summary>
public sealed record BenchRun(
    string Host, int ProcessorCount, int TorchThreads, string Loader, bool CudaAvailable, int CudaDevices,
    DateTimeOffset StartedUtc, IReadOnlyList<BenchResult> Results, IReadOnlyList<string> Failures);
