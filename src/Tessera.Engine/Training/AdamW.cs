using TorchSharp;
using static TorchSharp.torch;

namespace Tessera.Engine.Training;

/// <summary>
/// AdamW with its moments held as named tensors, so a checkpoint can save and restore them exactly
/// (resume must continue the same run, not restart the optimizer).
/// </summary>
public sealed class AdamW(IReadOnlyList<(string Name, Tensor Param)> parameters, double beta1 = 0.9, double beta2 = 0.999,
    double eps = 1e-8, double weightDecay = 0.0)
{
    private readonly Dictionary<string, Tensor> _m = parameters.ToDictionary(p => p.Name, p => Detached(torch.zeros_like(p.Param)));
    private readonly Dictionary<string, Tensor> _v = parameters.ToDictionary(p => p.Name, p => Detached(torch.zeros_like(p.Param)));

    public long Step { get; private set; }

    public void ZeroGrad()
    {
        foreach (var (_, p) in parameters) p.grad?.zero_();
    }

    /// <summary>Clips the global gradient norm to <paramref name="maxNorm"/>; returns the norm before clipping.</summary>
    public double ClipGradNorm(double maxNorm)
    {
        using var _ = torch.no_grad();
        using var scope = torch.NewDisposeScope();
        var grads = parameters.Select(p => p.Param.grad).Where(g => g is not null).Select(g => g!).ToList();
        if (grads.Count == 0) return 0;
        var norm = torch.stack(grads.Select(g => g.norm()).ToList()).norm().item<float>();
        if (norm > maxNorm && double.IsFinite(norm))
            foreach (var g in grads) g.mul_(maxNorm / (norm + 1e-6));
        return norm;
    }

    public void Update(double lr)
    {
        Step++;
        using var _ = torch.no_grad();
        using var scope = torch.NewDisposeScope();
        var bc1 = 1 - Math.Pow(beta1, Step);
        var bc2 = 1 - Math.Pow(beta2, Step);
        foreach (var (name, p) in parameters)
        {
            var g = p.grad;
            if (g is null) continue;
            var (m, v) = (_m[name], _v[name]);
            m.mul_(beta1).add_(g, alpha: 1 - beta1);
            v.mul_(beta2).addcmul_(g, g, value: 1 - beta2);
            if (weightDecay > 0) p.mul_(1 - lr * weightDecay);
            var denom = (v / bc2).sqrt_().add_(eps);
            p.addcdiv_(m, denom, value: -lr / bc1);
        }
    }

    /// <summary>Moments as "adam_m.NAME" / "adam_v.NAME" tensors plus the step.</summary>
    public void AddState(Dictionary<string, Tensor> tensors, Dictionary<string, string> metadata)
    {
        foreach (var (name, t) in _m) tensors["adam_m." + name] = t;
        foreach (var (name, t) in _v) tensors["adam_v." + name] = t;
        metadata["adam_step"] = Step.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    public void LoadState(Checkpoints.SafeTensorsContent content, string path)
    {
        using var _ = torch.no_grad();
        foreach (var (name, t) in _m) t.copy_(content.Require("adam_m." + name, path));
        foreach (var (name, t) in _v) t.copy_(content.Require("adam_v." + name, path));
        Step = long.Parse(content.Metadata.GetValueOrDefault("adam_step", "0"), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static Tensor Detached(Tensor t)
    {
        t.DetachFromDisposeScope();
        return t;
    }
}
