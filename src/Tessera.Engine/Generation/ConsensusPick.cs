using TorchSharp;
using static TorchSharp.torch;

namespace Tessera.Engine.Generation;

/// <summary>
/// Minimum-Bayes-risk selection among sampled candidates: of the K latents drawn for one video, keep the one with the
/// least summed L2 distance to the others (their medoid). A sampler's draws scatter around what the model thinks most
/// likely; the medoid is the draw nearest that centre, as the median is of numbers, without averaging videos into a
/// blur. For clip continuation that means a speed near the middle of the speeds the draws disagree on.
/// </summary>
public static class ConsensusPick
{
    /// <summary>Index of the medoid of <paramref name="candidates"/> (K, …): K = 1 gives 0.</summary>
    public static int Medoid(Tensor candidates)
    {
        var k = candidates.shape[0];
        if (k == 1) return 0;
        using var scope = torch.NewDisposeScope();
        var flat = candidates.reshape(k, -1).to(float64);
        var distances = torch.cdist(flat.unsqueeze(0), flat.unsqueeze(0)).squeeze(0);   // (K, K)
        return (int)distances.sum(1).argmin().item<long>();
    }
}
