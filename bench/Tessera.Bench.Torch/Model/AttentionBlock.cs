using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Tessera.Bench.Torch.Model;

/// <summary>Pre-norm transformer block: self-attention through scaled_dot_product_attention, then a GELU MLP.</summary>
public sealed class AttentionBlock : nn.Module<Tensor, Tensor>
{
    private readonly LayerNorm _attentionNorm;
    private readonly Linear _qkv;
    private readonly Linear _projection;
    private readonly LayerNorm _mlpNorm;
    private readonly Linear _up;
    private readonly Linear _down;
    private readonly int _heads;

    public AttentionBlock(int width, int heads) : base(nameof(AttentionBlock))
    {
        _heads = heads;
        _attentionNorm = nn.LayerNorm(width);
        _qkv = nn.Linear(width, 3 * width);
        _projection = nn.Linear(width, width);
        _mlpNorm = nn.LayerNorm(width);
        _up = nn.Linear(width, 4 * width);
        _down = nn.Linear(4 * width, width);
        RegisterComponents();
    }

    public override Tensor forward(Tensor x)
    {
        var (b, t, c) = (x.shape[0], x.shape[1], x.shape[2]);
        var qkv = _qkv.forward(_attentionNorm.forward(x))              // (B, T, 3C)
            .view(b, t, 3, _heads, c / _heads)                        // (B, T, 3, nh, hs)
            .permute(2, 0, 3, 1, 4);                                  // (3, B, nh, T, hs)
        // The fused kernel (flash attention on CUDA in bf16) is what makes long clips affordable.
        var attended = nn.functional.scaled_dot_product_attention(qkv[0], qkv[1], qkv[2]) // (B, nh, T, hs)
            .transpose(1, 2)                                          // (B, T, nh, hs)
            .reshape(b, t, c);                                        // (B, T, C)
        x = x + _projection.forward(attended);
        return x + _down.forward(nn.functional.gelu(_up.forward(_mlpNorm.forward(x))));
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _attentionNorm.Dispose();
            _qkv.Dispose();
            _projection.Dispose();
            _mlpNorm.Dispose();
            _up.Dispose();
            _down.Dispose();
        }
        base.Dispose(disposing);
    }
}
