using static TorchSharp.torch;

namespace Tessera.Engine.Checkpoints;

/// <summary>What a safetensors file holds: named tensors (on the CPU) and string metadata.</summary>
public sealed record SafeTensorsContent(Dictionary<string, Tensor> Tensors, Dictionary<string, string> Metadata) : IDisposable
{
    /// <summary>The tensor of that name, or a TesseraError naming the file and the missing tensor.</summary>
    public Tensor Require(string name, string path) =>
        Tensors.TryGetValue(name, out var t)
            ? t
            : throw new Tessera.Media.TesseraError($"{path}: tensor '{name}' is missing; the checkpoint does not match this model (retrain or pick the right file)");

    public void Dispose()
    {
        foreach (var t in Tensors.Values) t.Dispose();
    }
}
