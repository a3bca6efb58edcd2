using static TorchSharp.torch;

namespace Tessera.Engine.Vae;

/// <summary>Lossless moves between pixels and channels: p×p blocks of each frame become p² channels and back.</summary>
internal static class SpaceToDepth
{
    public static Tensor Pack(Tensor x, long p)                         // (B, C, T, H, W) → (B, C·p², T, H/p, W/p)
    {
        if (p == 1) return x;
        var (b, c, t, h, w) = (x.shape[0], x.shape[1], x.shape[2], x.shape[3], x.shape[4]);
        return x.reshape(b, c, t, h / p, p, w / p, p)                    // (B, C, T, H/p, p, W/p, p)
            .permute(0, 1, 4, 6, 2, 3, 5)                               // (B, C, p, p, T, H/p, W/p)
            .reshape(b, c * p * p, t, h / p, w / p);
    }

    public static Tensor Unpack(Tensor x, long p)                       // (B, C·p², T, h, w) → (B, C, T, h·p, w·p)
    {
        if (p == 1) return x;
        var (b, cpp, t, h, w) = (x.shape[0], x.shape[1], x.shape[2], x.shape[3], x.shape[4]);
        var c = cpp / (p * p);
        return x.reshape(b, c, p, p, t, h, w)                            // (B, C, p, p, T, h, w)
            .permute(0, 1, 4, 5, 2, 6, 3)                               // (B, C, T, h, p, w, p)
            .reshape(b, c, t, h * p, w * p);
    }
}
