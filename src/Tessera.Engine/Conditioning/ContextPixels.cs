using TorchSharp;
using Tessera.Engine.Vae;
using static TorchSharp.torch;

namespace Tessera.Engine.Conditioning;

/// <summary>
/// A context's frames given to the DiT as pixels, beside its latents: each frame's s×s pixel blocks folded into
/// channels on the latent grid (s = the VAE's space factor), so the token over a latent cell also sees the exact pixels
/// under it. Why: the VAE blurs where a small object is, and over PhyWorld's 3 context frames that blur is the speed.
/// On 50 held-out scenes a ball's speed over frames 0 → 2 read from the rendered frames is off by 0.048 units/s, from
/// the decoded held context by 0.183, from the frames each encoded alone as stills by 0.114
/// (bench/Tessera.Bench.ContextProbe); a model given the pixels can read the first number's information.
/// <para>Layout: (B, S·(P + 1), T, h, w) with P = 3·s² — pixel frame 0 sits in slot 0 of latent frame 0, pixel frame
/// p ≥ 1 in slot (p − 1) mod f of latent frame 1 + ⌊(p − 1)/f⌋ (f = the time factor, S = f slots); channels
/// [j·P, (j + 1)·P) hold slot j's pixels in [−1, 1] (channel c·s² + dy·s + dx: colour c, offset (dx, dy) in the block)
/// and channel S·P + j its mask (1 where given).</para>
/// </summary>
public static class ContextPixels
{
    /// <summary>Channels of one frame's pixels on the latent grid: 3 colours × s² positions in a block.</summary>
    public static int Channels(int spaceFactor) => 3 * spaceFactor * spaceFactor;

    /// <summary>The latent frame and slot that hold pixel frame <paramref name="pixelFrame"/>.</summary>
    public static (int LatentFrame, int Slot) Place(int pixelFrame, int timeFactor)
    {
        if (pixelFrame < 0) throw new ArgumentOutOfRangeException(nameof(pixelFrame), "pixel frames count from 0");
        return pixelFrame == 0 ? (0, 0) : (1 + (pixelFrame - 1) / timeFactor, (pixelFrame - 1) % timeFactor);
    }

    /// <summary>RGB frames (H·W·3 bytes each) folded onto the latent grid: (3·s², frames, H/s, W/s) bytes.</summary>
    public static Tensor Pack(IReadOnlyList<byte[]> frames, int width, int height, int spaceFactor)
    {
        if (width % spaceFactor != 0 || height % spaceFactor != 0)
            throw new ArgumentException($"{width}x{height} frames do not divide into {spaceFactor}x{spaceFactor} blocks");
        using var scope = torch.NewDisposeScope();
        var rgb = Latents.VideoTensors.BytesFromFrames(frames, width, height);                              // (3, T, H, W)
        return SpaceToDepth.Pack(rgb.unsqueeze(0), spaceFactor)[0].contiguous().MoveToOuterDisposeScope();
    }

    /// <summary>Packed bytes → the [−1, 1] values the DiT reads (the VAE's pixel scale).</summary>
    public static Tensor Values(Tensor packed) => packed.to_type(ScalarType.Float32).div(127.5).sub(1.0);

    /// <summary>No pixels given: zeros, (B, slots·(P + 1), T, h, w).</summary>
    public static Tensor Empty(long batch, int slots, int spaceFactor, long frames, long height, long width) =>
        torch.zeros([batch, slots * (Channels(spaceFactor) + 1), frames, height, width]);

    /// <summary>Puts pixel frame <paramref name="pixelFrame"/>'s packed bytes (P, h, w) into sample <paramref name="sample"/>
    /// of <paramref name="pixels"/>; a frame past the clip's latent frames is left out.</summary>
    public static void Put(Tensor pixels, long sample, int pixelFrame, Tensor packed, int slots, int timeFactor)
    {
        var (frame, slot) = Place(pixelFrame, timeFactor);
        using var values = Values(packed);
        ConditionSlots.Write(pixels, sample, pixelFrame, frame, slot, slots, values, "context pixels");
    }
}
