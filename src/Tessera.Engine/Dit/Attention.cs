using TorchSharp;
using static TorchSharp.torch;

namespace Tessera.Engine.Dit;

/// <summary>Multi-head self-attention over every spacetime token at once (full 3D attention).</summary>
public sealed class SelfAttention : nn.Module<Tensor, Tensor?, Tensor>
{
    private readonly MixedLinear qkv;
    private readonly MixedLinear proj;
    private readonly int _heads;

    public SelfAttention(int width, int heads, ComputePrecision precision) : base("SelfAttention")
    {
        _heads = heads;
        qkv = new MixedLinear(width, 3 * width, precision);
        proj = new MixedLinear(width, width, precision);
        RegisterComponents();
    }

    /// <param name="x">(B, N, D) tokens.</param>
    /// <param name="keyMask">(B, 1, 1, N) true where a key may be attended to, or null for all.</param>
    public override Tensor forward(Tensor x, Tensor? keyMask)
    {
        var (b, n, d) = (x.shape[0], x.shape[1], x.shape[2]);
        var parts = qkv.forward(x).view(b, n, 3, _heads, d / _heads).permute(2, 0, 3, 1, 4); // (3, B, h, N, hd)
        var y = nn.functional.scaled_dot_product_attention(parts[0], parts[1], parts[2], keyMask);  // (B, h, N, hd)
        return proj.forward(y.transpose(1, 2).reshape(b, n, d));                                    // (B, N, D)
    }
}

/// <summary>Multi-head attention from video tokens (queries) to text tokens (keys and values).</summary>
public sealed class CrossAttention : nn.Module<Tensor, Tensor, Tensor, Tensor>
{
    private readonly MixedLinear q;
    private readonly MixedLinear kv;
    private readonly MixedLinear proj;
    private readonly int _heads;

    public CrossAttention(int width, int heads, ComputePrecision precision) : base("CrossAttention")
    {
        _heads = heads;
        q = new MixedLinear(width, width, precision);
        kv = new MixedLinear(width, 2 * width, precision);
        proj = new MixedLinear(width, width, precision);
        RegisterComponents();
    }

    public MixedLinear Output => proj;

    /// <param name="x">(B, N, D) video tokens.</param>
    /// <param name="text">(B, L, D) text features.</param>
    /// <param name="textMask">(B, 1, 1, L) true on real tokens (the start token is always real).</param>
    public override Tensor forward(Tensor x, Tensor text, Tensor textMask)
    {
        var (b, n, d) = (x.shape[0], x.shape[1], x.shape[2]);
        var l = text.shape[1];
        var hd = d / _heads;
        var query = q.forward(x).view(b, n, _heads, hd).transpose(1, 2);                       // (B, h, N, hd)
        var keyValue = kv.forward(text).view(b, l, 2, _heads, hd).permute(2, 0, 3, 1, 4);     // (2, B, h, L, hd)
        var y = nn.functional.scaled_dot_product_attention(query, keyValue[0], keyValue[1], textMask); // (B, h, N, hd)
        return proj.forward(y.transpose(1, 2).reshape(b, n, d));                                // (B, N, D)
    }
}
