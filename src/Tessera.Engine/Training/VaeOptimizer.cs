using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Tessera.Engine.Training;

/// <summary>
/// AdamW with decoupled weight decay plus an exponential moving average of the weights, written by hand
/// so that every piece of state is a named tensor that a checkpoint can hold and a resume can restore
/// bit for bit (TorchSharp's optimizers keep their state in their own format).
/// </summary>
public sealed class VaeOptimizer : IDisposable
{
    private readonly List<(string Name, Parameter Param, Tensor M, Tensor V, Tensor Ema)> _slots = [];

    public double Beta1 { get; init; } = 0.9;
    public double Beta2 { get; init; } = 0.99;
    public double Eps { get; init; } = 1e-8;
    public double WeightDecay { get; init; } = 0.01;
    /// <summary>Number of updates applied so far.</summary>
    public long Updates { get; private set; }

    public VaeOptimizer(IEnumerable<(string Name, Parameter Param)> parameters)
    {
        using var _ = torch.no_grad();
        foreach (var (name, p) in parameters)
            _slots.Add((name, p,
                torch.zeros_like(p).DetachFromDisposeScope(),
                torch.zeros_like(p).DetachFromDisposeScope(),
                p.detach().clone().DetachFromDisposeScope()));
    }

    public void ZeroGrad()
    {
        foreach (var s in _slots)
            if (s.Param.grad is { } g) g.zero_();
    }

    /// <summary>Scales gradients so their global L2 norm is at most <paramref name="maxNorm"/>; returns the norm before.</summary>
    public double ClipGradNorm(double maxNorm)
    {
        using var scope = torch.NewDisposeScope();
        using var _ = torch.no_grad();
        var sq = torch.zeros(1, device: _slots[0].Param.device);
        foreach (var s in _slots)
            if (s.Param.grad is { } g) sq += g.square().sum();
        var norm = Math.Sqrt(sq.item<float>());
        if (norm > maxNorm)
            foreach (var s in _slots)
                s.Param.grad?.mul_(maxNorm / (norm + 1e-6));
        return norm;
    }

    /// <summary>One AdamW update at learning rate <paramref name="lr"/>, then the EMA update with <paramref name="emaDecay"/>.</summary>
    public void Step(double lr, double emaDecay)
    {
        using var scope = torch.NewDisposeScope();
        using var _ = torch.no_grad();
        Updates++;
        var bc1 = 1 - Math.Pow(Beta1, Updates);
        var bc2 = 1 - Math.Pow(Beta2, Updates);
        foreach (var (_, p, m, v, ema) in _slots)
        {
            if (p.grad is not { } g) continue;
            m.mul_(Beta1).add_(g, alpha: 1 - Beta1);
            v.mul_(Beta2).addcmul_(g, g, value: 1 - Beta2);
            if (p.dim() > 1) p.mul_(1 - lr * WeightDecay);           // no decay on biases and norm gains
            var denom = (v / bc2).sqrt_().add_(Eps);
            p.addcdiv_(m, denom, value: -lr / bc1);
            ema.mul_(emaDecay).add_(p, alpha: 1 - emaDecay);
        }
    }

    /// <summary>The averaged weights by parameter name.</summary>
    public IReadOnlyDictionary<string, Tensor> EmaWeights() => _slots.ToDictionary(s => s.Name, s => s.Ema);

    /// <summary>Every state tensor under a prefixed name: "adam.m.", "adam.v.", "ema.".</summary>
    public void AddState(Dictionary<string, Tensor> into)
    {
        foreach (var (name, _, m, v, ema) in _slots)
        {
            into["adam.m." + name] = m;
            into["adam.v." + name] = v;
            into["ema." + name] = ema;
        }
    }

    /// <summary>Restores what <see cref="AddState"/> saved; false when a tensor is missing or mis-shaped.</summary>
    public bool TryRestore(IReadOnlyDictionary<string, Tensor> from, long updates, out string problem)
    {
        using var _ = torch.no_grad();
        foreach (var (name, _, m, v, ema) in _slots)
            foreach (var (prefix, target) in new[] { ("adam.m.", m), ("adam.v.", v), ("ema.", ema) })
            {
                if (!from.TryGetValue(prefix + name, out var src) || !src.shape.SequenceEqual(target.shape))
                {
                    problem = $"optimizer state '{prefix + name}' is missing or has the wrong shape";
                    return false;
                }
                target.copy_(src);
            }
        Updates = updates;
        problem = "";
        return true;
    }

    public void Dispose()
    {
        foreach (var (_, _, m, v, ema) in _slots)
        {
            m.Dispose();
            v.Dispose();
            ema.Dispose();
        }
        _slots.Clear();
    }
}
