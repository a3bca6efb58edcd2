using TorchSharp;
using static TorchSharp.torch;

namespace Tessera.Engine.Conditioning;

/// <summary>
/// The slot layout that context stills and context pixels share: (B, S·(P + 1), T, h, w), slot j's P channels at
/// [j·P, (j + 1)·P) and its mask at S·P + j.
/// </summary>
internal static class ConditionSlots
{
    /// <summary>Writes <paramref name="values"/> (P, h, w) into slot <paramref name="slot"/> of latent frame
    /// <paramref name="frame"/> of sample <paramref name="sample"/> and marks it given; a frame past the clip is left out.</summary>
    public static void Write(Tensor target, long sample, int pixelFrame, int frame, int slot, int slots, Tensor values, string what)
    {
        var p = values.shape[0];
        if (slot >= slots) throw new ArgumentException($"pixel frame {pixelFrame} needs slot {slot}; the model has {slots}");
        if (target.shape[1] != slots * (p + 1)) throw new ArgumentException($"{what} have {target.shape[1]} channels; {slots} slots of {p} need {slots * (p + 1)}");
        if (frame >= target.shape[2]) return;
        target[sample, TensorIndex.Slice(slot * p, (slot + 1) * p), frame] = values;
        target[sample, slots * p + slot, frame] = 1;
    }
}
