using Tessera.Engine.Native;
using Tessera.Engine.Training;
using Tessera.Media;
using TorchSharp;

namespace Tessera.Engine.Tests.Training;

/// <summary>train vae|dit --device: the CPU, CUDA where libtorch has it, and a clear refusal otherwise (no silent CPU run).</summary>
public sealed class TrainingDeviceTests
{
    public TrainingDeviceTests() => TorchNative.EnsureLoaded();

    [Fact]
    public void Cpu_is_the_cpu_an_unknown_name_is_refused_and_cuda_without_cuda_says_what_to_do()
    {
        Assert.Equal(DeviceType.CPU, TrainingDevice.Resolve("cpu").type);
        Assert.Contains("unknown --device 'tpu'; use cpu or cuda", Assert.Throws<TesseraError>(() => TrainingDevice.Resolve("tpu")).Message);
        if (torch.cuda.is_available()) Assert.Equal(DeviceType.CUDA, TrainingDevice.Resolve("cuda").type);
        else Assert.Contains("use --device cpu", Assert.Throws<TesseraError>(() => TrainingDevice.Resolve("cuda")).Message);
    }
}
