using Tessera.Engine.Dit;
using Tessera.Engine.Native;
using TorchSharp;
using static TorchSharp.torch;

namespace Tessera.Engine.Tests.Dit;

public sealed class DiffusionTransformerTests
{
    private static DitConfig Config => DitConfig.Micro with { LatentChannels = 4, VocabularySize = 10 };

    [Fact]
    public void OutputStartsAtZeroAndKeepsTheLatentShape()
    {
        TorchNative.EnsureLoaded();
        using var scope = torch.NewDisposeScope();
        using var model = new DiffusionTransformer(Config);
        foreach (var (t, h, w) in new[] { (5, 8, 8), (1, 8, 8), (3, 6, 10) })
        {
            var input = torch.randn([2, Config.InputChannels, t, h, w]);
            var ids = torch.tensor(new long[] { 1, 3, 4, 0, 1, 0, 0, 0 }).view(2, 4);
            var v = model.forward(input, torch.tensor(new[] { 0.3f, 0.9f }), ids);
            Assert.Equal(new long[] { 2, 4, t, h, w }, v.shape);
            // adaLN-Zero: the final layer is zero at init, so the first prediction is exactly zero.
            Assert.Equal(0f, v.abs().max().item<float>());
        }
    }

    [Fact]
    public void Bf16MatmulsTrainLikeF32()
    {
        TorchNative.EnsureLoaded();
        foreach (var precision in new[] { ScalarType.Float32, ScalarType.BFloat16 })
        {
            using var scope = torch.NewDisposeScope();
            torch.manual_seed(3);
            using var model = new DiffusionTransformer(Config);
            model.Precision.Type = precision;
            var optimizer = torch.optim.Adam(model.parameters(), 3e-3);
            var input = torch.randn([4, Config.InputChannels, 2, 4, 4]);
            var target = torch.randn([4, 4, 2, 4, 4]);
            var ids = torch.ones(4, 3, ScalarType.Int64);
            var t = torch.rand(4);
            float first = 0, last = 0;
            for (var i = 0; i < 40; i++)
            {
                optimizer.zero_grad();
                var loss = nn.functional.mse_loss(model.forward(input, t, ids), target);
                loss.backward();
                optimizer.step();
                if (i == 0) first = loss.item<float>();
                last = loss.item<float>();
            }
            Assert.True(last < 0.7 * first, $"{precision}: loss {first} → {last}; it should fall by 30 %");
        }
    }

    [Fact]
    public void TextChangesThePrediction()
    {
        TorchNative.EnsureLoaded();
        using var scope = torch.NewDisposeScope();
        torch.manual_seed(5);
        using var model = new DiffusionTransformer(Config);
        // Give the zero-initialised output layers weights so the text path is visible.
        using (torch.no_grad()) foreach (var p in model.parameters()) if (p.abs().sum().item<float>() == 0) p.normal_(0, 0.05);
        var input = torch.randn([1, Config.InputChannels, 1, 4, 4]);
        var t = torch.tensor(new[] { 0.5f });
        var a = model.forward(input, t, torch.tensor(new long[] { 1, 3, 4 }).view(1, 3));
        var b = model.forward(input, t, torch.tensor(new long[] { 1, 5, 6 }).view(1, 3));
        Assert.True((a - b).abs().max().item<float>() > 1e-4);
    }
}
