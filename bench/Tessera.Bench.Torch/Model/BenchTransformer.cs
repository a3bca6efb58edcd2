using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Tessera.Bench.Torch.Model;

/// <summary>A stack of <see cref="AttentionBlock"/>s with a final norm and a linear head: (B, T, C) in, (B, T, C) out.</summary>
public sealed class BenchTransformer : nn.Module<Tensor, Tensor>
{
    private readonly ModuleList<AttentionBlock> _blocks;
    private readonly LayerNorm _finalNorm;
    private readonly Linear _head;

    public BenchTransformer(BenchTransformerShape shape) : base(nameof(BenchTransformer))
    {
        if (shape.Width % shape.Heads != 0)
            throw new ArgumentException($"width {shape.Width} does not divide into {shape.Heads} heads", nameof(shape));
        _blocks = nn.ModuleList(Enumerable.Range(0, shape.Depth).Select(_ => new AttentionBlock(shape.Width, shape.Heads)).ToArray());
        _finalNorm = nn.LayerNorm(shape.Width);
        _head = nn.Linear(shape.Width, shape.Width);
        RegisterComponents();
    }

    public override Tensor forward(Tensor x)
    {
        foreach (var block in _blocks) x = block.forward(x);          // (B, T, C)
        return _head.forward(_finalNorm.forward(x));                  // (B, T, C)
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _blocks.Dispose();
            _finalNorm.Dispose();
            _head.Dispose();
        }
        base.Dispose(disposing);
    }
}
