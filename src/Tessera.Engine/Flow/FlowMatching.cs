using TorchSharp;
using static TorchSharp.torch;

namespace Tessera.Engine.Flow;

/// <summary>How training draws flow times: logit-normal (SD3, weights the middle) or uniform.</summary>
public enum TimestepDistribution { LogitNormal, Uniform }

/// <summary>
/// Rectified flow: x_t = (1 − t)·x₀ + t·ε walks a straight line from data (t = 0) to noise (t = 1);
/// the model learns the velocity v = ε − x₀. More tokens hide more signal at the same noise level,
/// so times are shifted towards noise by a factor that grows with the token count (SD3 §5.3.2).
/// </summary>
public static class FlowMatching
{
    /// <summary>Token count at which the shift is 1 (no shift).</summary>
    public const double ShiftBaseTokens = 256;

    /// <summary>SD3's resolution shift: √(tokens / base), at least 1.</summary>
    public static double ShiftFor(int tokens) => Math.Max(1.0, Math.Sqrt(tokens / ShiftBaseTokens));

    /// <summary>t' = s·t / (1 + (s − 1)·t): same endpoints, more time near noise for s &gt; 1.</summary>
    public static Tensor Shift(Tensor t, double shift) =>
        shift == 1.0 ? t : t.mul(HeldScalars.Of(shift)).div(t.mul(HeldScalars.Of(shift - 1)).add(HeldScalars.Of(1.0), HeldScalars.Of(1)));

    public static double Shift(double t, double shift) => shift * t / (1 + (shift - 1) * t);

    /// <summary>(B) training times in (0, 1).</summary>
    public static Tensor SampleTimes(long batch, TimestepDistribution distribution, double shift, Generator generator)
    {
        var t = distribution switch
        {
            TimestepDistribution.LogitNormal => torch.sigmoid(torch.randn(batch, generator: generator)),
            _ => torch.rand(batch, generator: generator),
        };
        return Shift(t.clamp(HeldScalars.Of(1e-5), HeldScalars.Of(1 - 1e-5)), shift);
    }

    /// <summary>x_t for data x₀ and noise ε at times t (B), broadcast over (C, T, H, W).</summary>
    public static Tensor Noise(Tensor x0, Tensor noise, Tensor t) => torch.lerp(x0, noise, t.view(-1, 1, 1, 1, 1));

    public static TimestepDistribution ParseDistribution(string name) => name.ToLowerInvariant() switch
    {
        "logit-normal" or "logitnormal" or "lognorm" => TimestepDistribution.LogitNormal,
        "uniform" => TimestepDistribution.Uniform,
        _ => throw new Tessera.Media.TesseraError($"unknown timestep distribution '{name}'; use logit-normal or uniform"),
    };
}
