using Tessera.Engine.Checkpoints;
using Tessera.Engine.Conditioning;
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
    public void A_model_with_context_stills_or_pixels_reads_them_and_one_without_ignores_them()
    {
        TorchNative.EnsureLoaded();
        using var scope = torch.NewDisposeScope();
        var both = Config with { ContextStills = 4, ContextPixels = 4, PixelFactor = 2 };
        Assert.Equal(Config.InputChannels + 4 * (4 + 1) + 4 * (3 * 2 * 2 + 1), both.InputChannels);
        using var reader = Randomised(both, 1);
        using var without = Randomised(Config, 2);
        var noisy = torch.randn([1, 4, 2, 4, 4]);
        var (latents, mask) = (torch.randn([1, 4, 2, 4, 4]), torch.ones([1, 1, 2, 4, 4]));
        var stills = torch.randn([1, both.StillChannels, 2, 4, 4]);
        var pixels = torch.randn([1, both.PixelChannels, 2, 4, 4]);
        var plain = new FrameCondition(latents, mask, []);
        var given = plain with { Stills = stills, Pixels = pixels };
        var (t, ids) = (torch.tensor(new[] { 0.5f }), torch.tensor(new long[] { 1, 3 }).view(1, 2));
        Tensor Predict(DiffusionTransformer model, FrameCondition c) => model.forward(c.Input(noisy, model.Config), t, ids);

        // None given reads as zeros; each given part changes the prediction.
        var none = Predict(reader, plain);
        Assert.True(none.allclose(Predict(reader, plain with { Stills = torch.zeros_like(stills), Pixels = torch.zeros_like(pixels) }), rtol: 0, atol: 1e-6));
        Assert.True((Predict(reader, plain with { Stills = stills }) - none).abs().max().item<float>() > 1e-3);
        Assert.True((Predict(reader, plain with { Pixels = pixels }) - none).abs().max().item<float>() > 1e-3);
        // A model made before them (an autoguidance guide) reads its own channels only.
        Assert.True(Predict(without, given).allclose(Predict(without, plain), rtol: 0, atol: 1e-6));
        // Anything but the model's own channels is refused, naming what it reads.
        var refused = Assert.Throws<ArgumentException>(() => reader.forward(plain.Input(noisy, Config), t, ids));
        Assert.Contains("context pixels", refused.Message);
        Assert.Throws<ArgumentException>(() => (plain with { Pixels = stills }).Input(noisy, both));
    }

    [Theory]
    [InlineData(0, 0, 4, 4)]      // a plain model gains stills and pixels
    [InlineData(4, 0, 4, 4)]      // a stills model gains pixels
    [InlineData(0, 4, 4, 4)]      // a pixels model gains stills: its pixel columns move past the new stills'
    public void A_model_gaining_inputs_from_an_older_file_computes_what_the_file_did(int fileStills, int filePixels, int stills, int pixels)
    {
        TorchNative.EnsureLoaded();
        using var scope = torch.NewDisposeScope();
        var path = Path.Combine(Path.GetTempPath(), $"tessera-widen-{Guid.NewGuid():N}.safetensors");
        try
        {
            var fileConfig = Config with { ContextStills = fileStills, ContextPixels = filePixels, PixelFactor = filePixels > 0 ? 2 : 0 };
            using var old = Randomised(fileConfig, 3);
            SafeTensorsFile.Save(path, DitCheckpoint.NamedParameters(old), new Dictionary<string, string>());
            using var file = SafeTensorsFile.Load(path);
            using var widened = new DiffusionTransformer(Config with { ContextStills = stills, ContextPixels = pixels, PixelFactor = 2 });
            var refused = Assert.Throws<TesseraError>(() => DitCheckpoint.LoadWeights(widened, file, "", path));
            Assert.Contains(DitCheckpoint.PatchEmbedWeight, refused.Message);
            DitCheckpoint.LoadWeights(widened, file, "", path, widenFrom: fileConfig);
            widened.eval();

            var noisy = torch.randn([2, 4, 2, 4, 4]);
            var condition = new FrameCondition(torch.randn([2, 4, 2, 4, 4]), torch.ones([2, 1, 2, 4, 4]), [],
                torch.randn([2, widened.Config.StillChannels, 2, 4, 4]), torch.randn([2, widened.Config.PixelChannels, 2, 4, 4]));
            var (t, ids) = (torch.tensor(new[] { 0.2f, 0.8f }), torch.ones(2, 3, ScalarType.Int64));
            // The new inputs' weights start at zero and the old ones keep theirs: the output is the old model's.
            Assert.True(widened.forward(condition.Input(noisy, widened.Config), t, ids)
                .allclose(old.forward(condition.Input(noisy, fileConfig), t, ids), rtol: 0, atol: 1e-5));
        }
        finally { File.Delete(path); }
    }
}
