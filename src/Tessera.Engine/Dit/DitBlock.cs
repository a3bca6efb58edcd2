using TorchSharp;
using static TorchSharp.torch;

namespace Tessera.Engine.Dit;

/// <summary>
/// One DiT block with adaLN-Zero: the conditioning vector (timestep + pooled text) sets a shift,
/// scale and gate for self-attention and for the MLP; the gates start at zero so every block starts
/// as the identity. Text enters by cross-attention between the two (as in PixArt-α and Wan2.1).
/// </summary>
public sealed class DitBlock : nn.Module<Tensor, Tensor, Tensor, Tensor, Tensor>
{
    private readonly SelfAttention attn;
    private readonly CrossAttention cross;
    private readonly MixedLinear fc1;
    private readonly MixedLinear fc2;
    private readonly MixedLinear adaLN;
    private readonly long _width;

    public DitBlock(int width, int heads, double mlpRatio, ComputePrecision precision) : base("DitBlock")
    {
        _width = width;
        attn = new SelfAttention(width, heads, precision);
        cross = new CrossAttention(width, heads, precision);
        var hidden = (int)(width * mlpRatio);
        fc1 = new MixedLinear(width, hidden, precision);
        fc2 = new MixedLinear(hidden, width, precision);
        adaLN = new MixedLinear(width, 6 * width, precision);
        RegisterComponents();
    }

    /// <summary>adaLN-Zero: modulation and the cross-attention output start at zero.</summary>
    public void ZeroInit()
    {
        using var _ = torch.no_grad();
        adaLN.Weight.zero_();
        adaLN.Bias!.zero_();
        cross.Output.Weight.zero_();
        cross.Output.Bias!.zero_();
    }

    /// <param name="x">(B, N, D) video tokens, f32.</param>
    /// <param name="c">(B, D) conditioning vector.</param>
    /// <param name="text">(B, L, D) text features.</param>
    /// <param name="textMask">(B, 1, 1, L) bool.</param>
    public override Tensor forward(Tensor x, Tensor c, Tensor text, Tensor textMask)
    {
        var mod = adaLN.forward(nn.functional.silu(c)).to_type(ScalarType.Float32).unsqueeze(1).chunk(6, dim: 2); // 6 × (B, 1, D)
        var (shiftA, scaleA, gateA, shiftM, scaleM, gateM) = (mod[0], mod[1], mod[2], mod[3], mod[4], mod[5]);

        var h = Modulate(Norm(x), shiftA, scaleA);
        x = x + gateA * attn.forward(h, null).to_type(ScalarType.Float32);
        x = x + cross.forward(Norm(x), text, textMask).to_type(ScalarType.Float32);
        h = Modulate(Norm(x), shiftM, scaleM);
        var m = fc2.forward(nn.functional.gelu(fc1.forward(h)));
        return x + gateM * m.to_type(ScalarType.Float32);
    }

    private Tensor Norm(Tensor x) => nn.functional.layer_norm(x, [_width], null, null, 1e-6);

    internal static Tensor Modulate(Tensor x, Tensor shift, Tensor scale) => x * (scale + HeldScalars.Of(1)) + shift;
}
