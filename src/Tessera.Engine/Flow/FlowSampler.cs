using TorchSharp;
using Tessera.Engine.Conditioning;
using Tessera.Engine.Dit;
using static TorchSharp.torch;

namespace Tessera.Engine.Flow;

/// <summary>Which ODE solver integrates the flow from noise to data.</summary>
public enum SamplerKind { Euler, Heun }

/// <summary>
/// Integrates dx/dt = v(x, t) from t = 1 (noise) to t = 0 (data) with classifier-free guidance:
/// v = v_uncond + cfg·(v_cond − v_uncond), both halves in one batched forward pass.
/// With a guide model (a weaker, earlier version of the same model) it adds autoguidance (Karras et al. 2024,
/// "Guiding a diffusion model with a bad version of itself"): + (autoguide − 1)·(v_cond − v_guide,cond), which
/// pushes the sample away from the errors the weaker model makes more of, e.g. a video-prediction model's pull
/// of every speed towards the typical one. With cfg = 1 that is exactly v_guide + autoguide·(v_cond − v_guide).
/// Heun (2nd order) costs two passes per step except the last.
/// </summary>
public sealed class FlowSampler(DiffusionTransformer model, DiffusionTransformer? guide = null, double autoguide = 1.0)
{
    /// <summary>Times 1 → 0 in <paramref name="steps"/> steps, shifted like training.</summary>
    public static double[] Schedule(int steps, double shift)
    {
        var times = new double[steps + 1];
        for (var i = 0; i <= steps; i++) times[i] = FlowMatching.Shift(1.0 - (double)i / steps, shift);
        return times;
    }

    /// <param name="noise">(B, C, T, H, W) starting noise.</param>
    /// <param name="condition">Frame condition for the batch.</param>
    /// <param name="ids">(B, L) prompt token rows.</param>
    /// <param name="nullIds">(B, L) the unconditional caption (start token only).</param>
    /// <param name="onStep">Called after each step with (done, total).</param>
    public Tensor Sample(Tensor noise, FrameCondition condition, Tensor ids, Tensor nullIds, int steps, double cfg,
        SamplerKind kind, Action<int, int>? onStep = null, CancellationToken cancellationToken = default)
    {
        using var _ = torch.no_grad();
        var tokens = noise.shape[2] * noise.shape[3] * noise.shape[4] / model.Patcher.Volume;
        var times = Schedule(steps, FlowMatching.ShiftFor((int)tokens));
        var x = noise;
        for (var i = 0; i < steps; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            using var scope = torch.NewDisposeScope();
            var (t, tNext) = (times[i], times[i + 1]);
            // The step sizes are held in scalars disposed after use, never left to a finalizer (see HeldScalars).
            using var dt = (tNext - t).ToScalar();
            var v = Velocity(x, t, condition, ids, nullIds, cfg);
            var next = x.add(v, dt);
            if (kind == SamplerKind.Heun && tNext > 0)
            {
                using var halfDt = (0.5 * (tNext - t)).ToScalar();
                var v2 = Velocity(next, tNext, condition, ids, nullIds, cfg);
                next = x.add(v.add(v2), halfDt);
            }
            x = next.MoveToOuterDisposeScope();
            onStep?.Invoke(i + 1, steps);
        }
        return x;
    }

    private Tensor Velocity(Tensor x, double t, FrameCondition condition, Tensor ids, Tensor nullIds, double cfg)
    {
        var b = x.shape[0];
        var input = condition.Input(x, model.Config);
        using var time = t.ToScalar();
        Tensor cond, guided;
        if (cfg == 1.0) guided = cond = model.forward(input, torch.full(b, time, device: x.device), ids);
        else
        {
            var both = model.forward(torch.cat([input, input]), torch.full(2 * b, time, device: x.device), torch.cat([ids, nullIds]));
            var halves = both.chunk(2);
            cond = halves[0];
            guided = halves[1].add(halves[0].sub(halves[1]), HeldScalars.Of(cfg));
        }
        if (guide is null || autoguide == 1.0) return guided;
        // The guide reads the channels it was made with (an older guide: none of the context stills or pixels).
        var weak = guide.forward(condition.Input(x, guide.Config), torch.full(b, time, device: x.device), ids);
        return guided.add(cond.sub(weak), HeldScalars.Of(autoguide - 1.0));
    }

    public static SamplerKind ParseKind(string name) => name.ToLowerInvariant() switch
    {
        "euler" => SamplerKind.Euler,
        "heun" => SamplerKind.Heun,
        _ => throw new Tessera.Media.TesseraError($"unknown sampler '{name}'; use euler or heun"),
    };
}
