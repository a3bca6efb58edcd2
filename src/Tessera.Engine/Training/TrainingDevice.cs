using Tessera.Media;
using TorchSharp;
using static TorchSharp.torch;

namespace Tessera.Engine.Training;

/// <summary>
/// The device a training run asks for. Unlike generation, which falls back to the CPU with a warning, training refuses:
/// hours on the CPU that were meant for a GPU are worse than a clear error at start-up.
/// </summary>
public static class TrainingDevice
{
    /// <summary>"cpu" or "cuda[:n]"; a clear error when CUDA was asked for and this libtorch has none.</summary>
    public static Device Resolve(string name)
    {
        if (name == "cpu") return CPU;
        if (name.StartsWith("cuda", StringComparison.Ordinal))
        {
            if (!torch.cuda.is_available())
                throw new TesseraError($"--device {name}: this libtorch has no CUDA or sees no GPU (the TorchSharp-cpu package is CPU-only; on a GPU machine set {Native.TorchNative.LibTorchDirVariable} to PyTorch's torch/lib); use --device cpu");
            return new Device(name);
        }
        throw new TesseraError($"unknown --device '{name}'; use cpu or cuda");
    }
}
