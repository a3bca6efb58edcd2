using TorchSharp;
using Tessera.Engine.Conditioning;
using Tessera.Engine.Latents;
using Tessera.Engine.Text;
using static TorchSharp.torch;

namespace Tessera.Engine.Training;

/// <summary>One step's inputs: clean latents, their frame condition and caption tokens.</summary>
public sealed record TrainingBatch(Tensor Latents, FrameCondition Condition, Tensor Ids);

/// <summary>
/// Draws batches from a <see cref="LatentSet"/>: a random caption phrasing per clip, a caption dropped
/// with some probability (for CFG), and a random frame condition per clip (none / first frame / first +
/// last / context), so one model learns text-to-video, image-to-video, transitions and prediction.
/// Some steps use stills (the first latent frame alone): a different shape bucket, trained by the same weights.
/// A context is, with probability <paramref name="lossyContext"/>, the one made from 4:2:0 frames (<see cref="LatentSet.LossyContext"/>).
/// For a model with <paramref name="stillSlots"/> &gt; 0 a context also gives its part-group frames as stills (<see cref="ContextStills"/>),
/// from the same (4:2:0 or not) frames as its latents; for a model with <paramref name="pixelSlots"/> &gt; 0, all its frames as
/// pixels (<see cref="ContextPixels"/>), from the same frames again.
/// </summary>
public sealed class TrainingBatchBuilder(LatentSet data, CaptionTokenizer tokenizer, double captionDropout, double stillFraction,
    ConditionMix? conditions = null, double lossyContext = 0, int stillSlots = 0, int pixelSlots = 0)
{
    private readonly ConditionMix _conditions = conditions ?? ConditionMix.Default;
    // The VAE's time factor, read off the set: a clip of 1 + f·k frames has 1 + k latent frames.
    private readonly int _timeFactor = data.Video.shape[2] > 1 ? (int)((data.Frames - 1) / (data.Video.shape[2] - 1)) : 1;
    // And its space factor: pixels per latent cell.
    private readonly int _spaceFactor = (int)(data.Width / data.Video.shape[4]);

    public TrainingBatch Build(IReadOnlyList<int> indices, Random rng)
    {
        var still = rng.NextDouble() < stillFraction;
        var index = torch.tensor(indices.Select(i => (long)i).ToArray());
        var x0 = data.Video.index_select(0, index);                         // (B, C, T, h, w)
        if (still) x0 = x0.narrow(2, 0, 1);                                  // (B, C, 1, h, w)
        var (b, c, t, h, w) = (x0.shape[0], x0.shape[1], x0.shape[2], x0.shape[3], x0.shape[4]);
        var cond = torch.zeros([b, c, t, h, w]);
        var mask = torch.zeros([b, 1, t, h, w]);
        if (stillSlots > 0 && data.ContextStills is null) throw new InvalidOperationException("the model takes context stills but the latent set has none");
        var stills = stillSlots > 0 ? ContextStills.Empty(b, stillSlots, c, t, h, w) : null;
        var stillFrames = ContextStills.Frames(data.ContextFrames, _timeFactor);
        if (pixelSlots > 0 && data.ContextPixels is null) throw new InvalidOperationException("the model takes context pixels but the latent set has none");
        var pixels = pixelSlots > 0 ? ContextPixels.Empty(b, pixelSlots, _spaceFactor, t, h, w) : null;
        var rows = new long[b * tokenizer.MaxTokens];
        for (var i = 0; i < b; i++)
        {
            var clip = indices[i];
            var captions = data.Captions[clip];
            var caption = rng.NextDouble() < captionDropout || captions.Count == 0 ? "" : captions[rng.Next(captions.Count)];
            tokenizer.Encode(caption).Rows.CopyTo(rows, i * tokenizer.MaxTokens);
            if (still) continue;
            switch (_conditions.Draw(rng))
            {
                case ConditionMode.FirstFrame:
                    Give(cond, mask, i, 0, data.Video[clip, .., 0]);
                    break;
                case ConditionMode.FirstAndLast:
                    Give(cond, mask, i, 0, data.Video[clip, .., 0]);
                    Give(cond, mask, i, t - 1, data.LastStill[clip, .., 0]);
                    break;
                case ConditionMode.Context:
                    // No draw without lossy contexts, so runs without them keep their random sequence (and resume exactly).
                    var lossy = lossyContext > 0 && rng.NextDouble() < lossyContext;
                    var context = lossy
                        ? data.LossyContext ?? throw new InvalidOperationException("lossy contexts were asked for but the latent set has none")
                        : data.Context;
                    for (var f = 0; f < context.shape[2] && f < t; f++) Give(cond, mask, i, f, context[clip, .., f]);
                    if (stills is not null)
                    {
                        var frames = lossy
                            ? data.LossyContextStills ?? throw new InvalidOperationException("lossy contexts and stills were asked for but the latent set has no 4:2:0 stills")
                            : data.ContextStills!;
                        foreach (var p in stillFrames) ContextStills.Put(stills, i, p, frames[clip, .., p], stillSlots, _timeFactor);
                    }
                    if (pixels is not null)
                    {
                        var packed = lossy
                            ? data.LossyContextPixels ?? throw new InvalidOperationException("lossy contexts and pixels were asked for but the latent set has no 4:2:0 pixels")
                            : data.ContextPixels!;
                        for (var p = 0; p < data.ContextFrames; p++) ContextPixels.Put(pixels, i, p, packed[clip, .., p], pixelSlots, _timeFactor);
                    }
                    break;
            }
        }
        var ids = torch.tensor(rows).view(b, tokenizer.MaxTokens);
        return new TrainingBatch(x0, new FrameCondition(cond, mask, [], stills, pixels), ids);
    }

    private static void Give(Tensor cond, Tensor mask, long sample, long frame, Tensor latent)
    {
        cond[sample, .., frame] = latent;
        mask[sample, .., frame] = 1;
    }
}
