using TorchSharp;
using TorchSharp.Modules;
using Tessera.Engine.Dit;
using static TorchSharp.torch;

namespace Tessera.Engine.Text;

/// <summary>
/// A small pre-norm transformer over caption tokens, trained jointly with the DiT. Row 0 of the
/// vocabulary is padding (masked out of attention); every caption starts with the start token, so a
/// dropped caption (for classifier-free guidance) is the start token alone.
/// </summary>
public sealed class TextEncoder : nn.Module<Tensor, Tensor>
{
    private readonly Embedding tokens;
    private readonly Parameter positions;
    private readonly ModuleList<TextEncoderLayer> layers;
    private readonly long _width;

    public TextEncoder(int vocabularySize, int width, int depth, int heads, int maxTokens, ComputePrecision precision) : base("TextEncoder")
    {
        _width = width;
        tokens = nn.Embedding(vocabularySize, width);
        positions = new Parameter(torch.randn(maxTokens, width) * 0.02);
        layers = new ModuleList<TextEncoderLayer>();
        for (var i = 0; i < depth; i++) layers.Add(new TextEncoderLayer(width, heads, precision));
        using (torch.no_grad()) tokens.weight!.normal_(0, 0.02);
        RegisterComponents();
    }

    /// <param name="ids">(B, L) int64 token rows, 0 = padding.</param>
    /// <returns>(B, L, width) features, f32.</returns>
    public override Tensor forward(Tensor ids)
    {
        var l = ids.shape[1];
        var mask = ids.ne(0).unsqueeze(1).unsqueeze(1);                            // (B, 1, 1, L)
        var x = tokens.forward(ids) + positions.narrow(0, 0, l).unsqueeze(0);      // (B, L, W)
        foreach (var layer in layers) x = layer.forward(x, mask);
        return nn.functional.layer_norm(x, [_width], null, null, 1e-6);
    }
}

/// <summary>Pre-norm transformer layer: self-attention with a padding mask, then a GELU MLP.</summary>
public sealed class TextEncoderLayer : nn.Module<Tensor, Tensor, Tensor>
{
    private readonly LayerNorm norm1;
    private readonly LayerNorm norm2;
    private readonly SelfAttention attn;
    private readonly MixedLinear fc1;
    private readonly MixedLinear fc2;

    public TextEncoderLayer(int width, int heads, ComputePrecision precision) : base("TextEncoderLayer")
    {
        norm1 = nn.LayerNorm(width);
        norm2 = nn.LayerNorm(width);
        attn = new SelfAttention(width, heads, precision);
        fc1 = new MixedLinear(width, 4 * width, precision);
        fc2 = new MixedLinear(4 * width, width, precision);
        RegisterComponents();
    }

    public override Tensor forward(Tensor x, Tensor mask)
    {
        x = x + attn.forward(norm1.forward(x), mask).to_type(ScalarType.Float32);
        return x + fc2.forward(nn.functional.gelu(fc1.forward(norm2.forward(x)))).to_type(ScalarType.Float32);
    }
}
