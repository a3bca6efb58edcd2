using Tessera.Engine.Checkpoints;
using Tessera.Engine.Dit;
using Tessera.Engine.Native;
using Tessera.Media;
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

    /// <summary>A model with random weights everywhere (an untrained DiT's zero output layers would hide every difference).</summary>
    private static DiffusionTransformer Randomised(DitConfig config, int seed)
    {
        torch.manual_seed(seed);
        var model = new DiffusionTransformer(config);
        using (torch.no_grad()) foreach (var p in model.parameters()) if (p.abs().sum().item<float>() == 0) p.normal_(0, 0.05);
        model.eval();
        return model;
    }

    [Fact]
    public void A_model_with_context_stills_reads_them_and_one_without_ignores_them()
    {
        TorchNative.EnsureLoaded();
        using var scope = torch.NewDisposeScope();
        var stillsConfig = Config with { ContextStills = 4 };
        Assert.Equal(Config.InputChannels + 4 * (4 + 1), stillsConfig.InputChannels);
        using var withStills = Randomised(stillsConfig, 1);
        using var without = Randomised(Config, 2);
        var baseInput = torch.randn([1, Config.InputChannels, 2, 4, 4]);
        var stills = torch.randn([1, stillsConfig.StillChannels, 2, 4, 4]);
        var full = torch.cat([baseInput, stills], dim: 1);
        var (t, ids) = (torch.tensor(new[] { 0.5f }), torch.tensor(new long[] { 1, 3 }).view(1, 2));

        // No stills given reads as zeros; given ones change the prediction.
        var none = withStills.forward(baseInput, t, ids);
        Assert.True(none.allclose(withStills.forward(torch.cat([baseInput, torch.zeros_like(stills)], dim: 1), t, ids), rtol: 0, atol: 1e-6));
        Assert.True((withStills.forward(full, t, ids) - none).abs().max().item<float>() > 1e-3);
        // A model made before them (an autoguidance guide) reads its own channels only.
        Assert.True(without.forward(full, t, ids).allclose(without.forward(baseInput, t, ids), rtol: 0, atol: 1e-6));
        Assert.Throws<ArgumentException>(() => withStills.forward(full.narrow(1, 0, Config.InputChannels + 2), t, ids));
    }

    [Fact]
    public void A_model_gaining_context_stills_from_an_older_file_computes_what_the_file_did()
    {
        TorchNative.EnsureLoaded();
        using var scope = torch.NewDisposeScope();
        var path = Path.Combine(Path.GetTempPath(), $"tessera-widen-{Guid.NewGuid():N}.safetensors");
        try
        {
            using var old = Randomised(Config, 3);
            SafeTensorsFile.Save(path, DitCheckpoint.NamedParameters(old), new Dictionary<string, string>());
            using var file = SafeTensorsFile.Load(path);
            using var widened = new DiffusionTransformer(Config with { ContextStills = 4 });
            var refused = Assert.Throws<TesseraError>(() => DitCheckpoint.LoadWeights(widened, file, "", path));
            Assert.Contains(DitCheckpoint.PatchEmbedWeight, refused.Message);
            DitCheckpoint.LoadWeights(widened, file, "", path, widenInput: true);
            widened.eval();

            var baseInput = torch.randn([2, Config.InputChannels, 2, 4, 4]);
            var full = torch.cat([baseInput, torch.randn([2, widened.Config.StillChannels, 2, 4, 4])], dim: 1);
            var (t, ids) = (torch.tensor(new[] { 0.2f, 0.8f }), torch.ones(2, 3, ScalarType.Int64));
            // The new channels' weights start at zero: whatever stills come in, the output is the old model's.
            Assert.True(widened.forward(full, t, ids).allclose(old.forward(baseInput, t, ids), rtol: 0, atol: 1e-5));
        }
        finally { File.Delete(path); }
    }
}
