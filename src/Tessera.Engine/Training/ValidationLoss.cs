using System.Globalization;
using TorchSharp;
using Tessera.Engine.Dit;
using Tessera.Engine.Flow;
using Tessera.Engine.Latents;
using Tessera.Engine.Text;
using static TorchSharp.torch;

namespace Tessera.Engine.Training;

/// <summary>
/// The velocity loss on held-out clips, with everything random fixed once (captions, conditions, noise)
/// and the flow time on a fixed grid instead of the training distribution. Training losses drawn with
/// different time distributions (logit-normal vs uniform) weight the times differently and cannot be
/// compared; this number can, across runs and across steps of one run.
/// </summary>
public sealed class ValidationLoss : IDisposable
{
    /// <summary>Midpoints of 8 equal slices of [0, 1]: every noise level counts the same.</summary>
    public static IReadOnlyList<double> Times { get; } = Enumerable.Range(0, 8).Select(k => (k + 0.5) / 8).ToArray();

    private const int BatchSize = 16;
    private const int Seed = 20_261_123;
    private readonly List<(TrainingBatch Batch, Tensor Noise)> _batches = [];

    public int Clips { get; }

    public ValidationLoss(LatentSet heldOut, CaptionTokenizer tokenizer, ConditionMix? conditions, int stillSlots = 0, int pixelSlots = 0)
    {
        Clips = heldOut.Count;
        var builder = new TrainingBatchBuilder(heldOut, tokenizer, captionDropout: 0, stillFraction: 0, conditions, stillSlots: stillSlots, pixelSlots: pixelSlots);
        var rng = new Random(Seed);
        var generator = new Generator(Seed);
        for (var first = 0; first < heldOut.Count; first += BatchSize)
        {
            var indices = Enumerable.Range(first, Math.Min(BatchSize, heldOut.Count - first)).ToList();
            var batch = builder.Build(indices, rng);
            var noise = torch.randn(batch.Latents.shape, generator: generator);
            foreach (var t in new[] { batch.Latents, batch.Condition.Latents, batch.Condition.Mask, batch.Ids, noise }) t.DetachFromDisposeScope();
            batch.Condition.Stills?.DetachFromDisposeScope();
            batch.Condition.Pixels?.DetachFromDisposeScope();
            _batches.Add((batch, noise));
        }
    }

    /// <summary>Mean velocity MSE over the held-out clips and <see cref="Times"/> (no gradients).</summary>
    public double Measure(DiffusionTransformer model)
    {
        using var _ = torch.no_grad();
        double sum = 0;
        long count = 0;
        var device = model.parameters().First().device;
        foreach (var (batch, noise) in _batches)
            foreach (var time in Times)
            {
                using var scope = torch.NewDisposeScope();
                var b = batch.Latents.shape[0];
                var x0 = batch.Latents.to(device);
                var n = noise.to(device);
                var t = torch.full(b, time, device: device);
                var xt = FlowMatching.Noise(x0, n, t);
                var condition = batch.Condition.To(device);
                var velocity = model.forward(condition.Input(xt, model.Config), t, batch.Ids.to(device));
                sum += nn.functional.mse_loss(velocity, n - x0).item<float>() * b;
                count += b;
            }
        return sum / count;
    }

    public static string Format(double loss) => loss.ToString("0.00000", CultureInfo.InvariantCulture);

    public void Dispose()
    {
        foreach (var (batch, noise) in _batches)
        {
            batch.Latents.Dispose();
            batch.Condition.Latents.Dispose();
            batch.Condition.Mask.Dispose();
            batch.Condition.Stills?.Dispose();
            batch.Condition.Pixels?.Dispose();
            batch.Ids.Dispose();
            noise.Dispose();
        }
    }
}
