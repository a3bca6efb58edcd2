using TorchSharp;
using static TorchSharp.torch;

namespace Tessera.Engine.Training;

/// <summary>
/// An exponential moving average of the model's weights, used for sampling: it smooths out the last
/// steps' noise. The decay ramps up as (1 + n)/(10 + n) so a short run's average is not dominated by
/// its random initial weights.
/// </summary>
public sealed class EmaWeights
{
    private readonly IReadOnlyList<(string Name, Tensor Param)> _parameters;

    public Dictionary<string, Tensor> Shadow { get; }
    public double MaxDecay { get; }

    public EmaWeights(IReadOnlyList<(string Name, Tensor Param)> parameters, double maxDecay)
    {
        _parameters = parameters;
        MaxDecay = maxDecay;
        using var _ = torch.no_grad();
        Shadow = parameters.ToDictionary(p => p.Name, p =>
        {
            var copy = p.Param.detach().clone();
            copy.DetachFromDisposeScope();
            return copy;
        });
    }

    public double DecayAt(long updates) => Math.Min(MaxDecay, (1.0 + updates) / (10.0 + updates));

    public void Update(long updates)
    {
        var d = DecayAt(updates);
        using var _ = torch.no_grad();
        foreach (var (name, p) in _parameters) Shadow[name].mul_(d).add_(p.detach(), alpha: 1 - d);
    }

    public void Load(Checkpoints.SafeTensorsContent content, string prefix, string path)
    {
        using var _ = torch.no_grad();
        foreach (var (name, t) in Shadow) t.copy_(content.Require(prefix + name, path));
    }
}
