using static TorchSharp.torch;

namespace Tessera.Engine.Patches;

/// <summary>
/// Cuts a latent video into spacetime patches and puts them back. Any size, aspect ratio and
/// duration whose sides are multiples of the patch becomes a token sequence; a still is a 1-frame video.
/// </summary>
public sealed record SpacetimePatcher(int PatchT = 1, int PatchH = 2, int PatchW = 2)
{
    public int Volume => PatchT * PatchH * PatchW;

    /// <summary>The token grid (T', H', W') for a latent of (T, H, W); throws if a side does not divide.</summary>
    public (int T, int H, int W) Grid(long t, long h, long w)
    {
        if (t % PatchT != 0 || h % PatchH != 0 || w % PatchW != 0)
            throw new ArgumentException($"latent {t}×{h}×{w} is not a multiple of the patch {PatchT}×{PatchH}×{PatchW}");
        return ((int)(t / PatchT), (int)(h / PatchH), (int)(w / PatchW));
    }

    /// <summary>(B, C, T, H, W) → (B, T'·H'·W', C·pt·ph·pw), tokens in time-major raster order.</summary>
    public Tensor Patchify(Tensor x)
    {
        var (b, c) = (x.shape[0], x.shape[1]);
        var (gt, gh, gw) = Grid(x.shape[2], x.shape[3], x.shape[4]);
        return x.reshape(b, c, gt, PatchT, gh, PatchH, gw, PatchW)
                .permute(0, 2, 4, 6, 1, 3, 5, 7)                          // (B, T', H', W', C, pt, ph, pw)
                .reshape(b, (long)gt * gh * gw, c * Volume);
    }

    /// <summary>(B, N, C·pt·ph·pw) → (B, C, T, H, W) for the given token grid.</summary>
    public Tensor Unpatchify(Tensor tokens, int channels, (int T, int H, int W) grid)
    {
        var b = tokens.shape[0];
        return tokens.reshape(b, grid.T, grid.H, grid.W, channels, PatchT, PatchH, PatchW)
                     .permute(0, 4, 1, 5, 2, 6, 3, 7)                     // (B, C, T', pt, H', ph, W', pw)
                     .reshape(b, channels, (long)grid.T * PatchT, (long)grid.H * PatchH, (long)grid.W * PatchW);
    }
}
