using TorchSharp;
using static TorchSharp.torch;

namespace Tessera.Engine.Conditioning;

/// <summary>
/// Context frames given one by one, each encoded as a still, beside the condition latents. A context that
/// ends inside a 4-frame group (PhyWorld's 3 frames: frame 0 alone, then frames 1, 2 with 2 held twice) is
/// encoded with its last frame held, and the VAE squeezes such a group: on 50 held-out PhyWorld scenes a ball's speed
/// over frames 0 → 2 read from its decode is off by 0.183 units/s, from the frames each encoded alone and decoded by
/// 0.114, from the rendered frames by 0.048 (bench/Tessera.Bench.ContextProbe). A still is what the VAE encodes best (it
/// is how a first frame is given), so those frames also go in as stills.
/// <para>Layout: (B, S·(C + 1), T, h, w) — slot j of latent frame k ≥ 1 holds pixel frame 1 + 4(k − 1) + j; channels
/// [j·C, (j + 1)·C) hold its latent and channel S·C + j its mask (1 where given). Latent frame 0 is a still already.</para>
/// </summary>
public static class ContextStills
{
    /// <summary>The pixel frames of an N-frame context that are given as stills: those of its last group when the
    /// context does not fill it (frames 1 and 2 of 3); none when it ends on a whole group (1 or 5 frames).</summary>
    public static IReadOnlyList<int> Frames(int contextFrames, int timeFactor)
    {
        var firstPartial = ConditionLayout.PixelFrames(ConditionLayout.ExactContextLatentFrames(contextFrames, timeFactor), timeFactor);
        return Enumerable.Range(firstPartial, Math.Max(0, contextFrames - firstPartial)).ToList();
    }

    /// <summary>The latent frame and slot that hold pixel frame <paramref name="pixelFrame"/> (≥ 1).</summary>
    public static (int LatentFrame, int Slot) Place(int pixelFrame, int timeFactor)
    {
        if (pixelFrame < 1) throw new ArgumentOutOfRangeException(nameof(pixelFrame), "frame 0 is latent frame 0 itself, never a still slot");
        return (1 + (pixelFrame - 1) / timeFactor, (pixelFrame - 1) % timeFactor);
    }

    /// <summary>No still given: zeros, (B, slots·(C + 1), T, h, w).</summary>
    public static Tensor Empty(long batch, int slots, long channels, long frames, long height, long width) =>
        torch.zeros([batch, slots * (channels + 1), frames, height, width]);

    /// <summary>Puts the still latent (C, h, w) of pixel frame <paramref name="pixelFrame"/> into sample
    /// <paramref name="sample"/> of <paramref name="stills"/>; a frame past the clip's latent frames is left out.</summary>
    public static void Put(Tensor stills, long sample, int pixelFrame, Tensor latent, int slots, int timeFactor)
    {
        var (frame, slot) = Place(pixelFrame, timeFactor);
        ConditionSlots.Write(stills, sample, pixelFrame, frame, slot, slots, latent, "stills");
    }
}
