using System.Diagnostics;
using System.Globalization;
using Tessera.Engine.Dit;
using TorchSharp;
using static TorchSharp.torch;

/// <summary>
/// The per-preset table of docs/BENCHMARKS.md: for each DiT size preset (random weights: speed does not depend on
/// what a model learned), wall time of one bf16 training step and of one sampling step (CFG: 2 forward passes),
/// and from it the sampling time per frame of a 16-frame 64×64 video at the default 20 steps. Run on a quiet
/// machine; wall time is what a user waits for.
/// </summary>
public static class PresetTable
{
    public static void Run(IReadOnlyList<string> presets, int batch, int steps)
    {
        const int tokens = 5 * 8 * 8;   // 17 frames at 64×64 through the ×4/×4 VAE and 1×2×2 patches
        Console.WriteLine($"torch threads {torch.get_num_threads()}; 64x64, 17 frames = {tokens} tokens; {PrecisionChoice.Describe(DeviceType.CPU)} matmuls");
        Console.WriteLine("| preset | parameters | training step (batch " + batch + ") | training samples/s | sampling step (CFG) | per frame at " + steps + " steps (16 frames) |");
        Console.WriteLine("| --- | --- | --- | --- | --- | --- |");
        foreach (var name in presets)
        {
            var config = DitConfig.Preset(name) with { VocabularySize = 500, LatentChannels = 8 };
            using var model = new DiffusionTransformer(config);
            model.Precision.Type = PrecisionChoice.Best(DeviceType.CPU);
            using var x = torch.randn([batch, config.InputChannels, 5, 16, 16]);
            using var ids = torch.ones(batch, config.MaxTextTokens, ScalarType.Int64);
            using var t = torch.rand(batch);
            using var x2 = torch.randn([2, config.InputChannels, 5, 16, 16]);
            using var ids2 = torch.ones(2, config.MaxTextTokens, ScalarType.Int64);
            using var t2 = torch.rand(2);
            // Big presets take seconds a step on this CPU: fewer repeats there.
            var repeats = model.ParameterCount() > 50e6 ? 1 : 3;
            var train = WallSeconds(repeats, () =>
            {
                using var scope = torch.NewDisposeScope();
                model.zero_grad();
                model.forward(x, t, ids).square().mean().backward();
            });
            var sample = WallSeconds(repeats * 3, () =>
            {
                using var scope = torch.NewDisposeScope();
                using var _ = torch.no_grad();
                model.forward(x2, t2, ids2);
            });
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {name} | {model.ParameterCount() / 1e6:0.00}M | {train:0.00} s | {batch / train:0.0} | {sample * 1000:0} ms | {sample * steps / 16:0.000} s |"));
        }
    }

    private static double WallSeconds(int repeats, Action work)
    {
        work();   // warm-up: kernel selection and caches
        var best = double.MaxValue;
        for (var i = 0; i < repeats; i++)
        {
            var sw = Stopwatch.StartNew();
            work();
            best = Math.Min(best, sw.Elapsed.TotalSeconds);
        }
        return best;
    }
}
