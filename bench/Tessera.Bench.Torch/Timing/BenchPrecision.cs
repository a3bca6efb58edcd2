using TorchSharp;
using static TorchSharp.torch;

namespace Tessera.Bench.Torch.Timing;

/// <summary>A number format to time: what tensors are stored as, and whether CUDA may use TF32 tensor cores for f32.</summary>
public sealed record BenchPrecision(string Name, ScalarType StorageType, bool AllowTf32)
{
    public static BenchPrecision F32 { get; } = new("f32", ScalarType.Float32, AllowTf32: false);
    public static BenchPrecision Tf32 { get; } = new("tf32", ScalarType.Float32, AllowTf32: true);
    public static BenchPrecision BF16 { get; } = new("bf16", ScalarType.BFloat16, AllowTf32: false);

    /// <summary>TF32 is a CUDA-only mode: on a CPU it would time plain f32 a second time.</summary>
    public static IReadOnlyList<BenchPrecision> For(Device device) =>
        device.type == DeviceType.CUDA ? [F32, Tf32, BF16] : [F32, BF16];

    /// <summary>Sets the CUDA matmul mode for this precision (libtorch's default is TF32 off).</summary>
    public void Apply(Device device)
    {
        if (device.type == DeviceType.CUDA) backends.cuda.matmul.allow_tf32 = AllowTf32;
    }
}
