using Tessera.Engine.Latents;
using Tessera.Engine.Native;
using Tessera.Engine.Text;
using Tessera.Engine.Training;
using TorchSharp;

namespace Tessera.Engine.Tests.Training;

public sealed class TrainingBatchTests
{
    public TrainingBatchTests() => TorchNative.EnsureLoaded();

    /// <summary>4 clips of 3 latent frames; the lossy contexts are the clean ones + 10, so a batch shows which it took.</summary>
    private static LatentSet Latents(bool lossy)
    {
        var context = torch.randn([4, 3, 2, 2, 2]);
        return new LatentSet(torch.randn([4, 3, 3, 2, 2]), torch.randn([4, 3, 1, 2, 2]), context,
            Enumerable.Repeat<IReadOnlyList<string>>(["a red ball moves right"], 4).ToList(), 3, 8, 8, 9, 10)
        {
            LossyContext = lossy ? context.add(torch.tensor(10f)) : null,
        };
    }

    /// <summary>For each sample: 1 if its condition is the lossy context, 0 if the clean one.</summary>
    private static List<int> WhichContext(LatentSet data, TrainingBatch batch, int[] clips) =>
        clips.Select((clip, i) =>
        {
            var given = batch.Condition.Latents[i].narrow(1, 0, 2);
            if (given.allclose(data.Context[clip])) return 0;
            Assert.True(given.allclose(data.LossyContext![clip]), $"sample {i} has neither of clip {clip}'s contexts");
            return 1;
        }).ToList();

    [Fact]
    public void Contexts_come_from_the_4_2_0_latents_at_the_asked_rate_and_never_without_it()
    {
        using var data = Latents(lossy: true);
        var tokenizer = CaptionTokenizer.Build(["a red ball moves right"], 16);
        int[] clips = [0, 1, 2, 3, 0, 1, 2, 3];
        var rng = new Random(5);

        var clean = new TrainingBatchBuilder(data, tokenizer, 0, 0, ConditionMix.Parse("context"));
        Assert.All(WhichContext(data, clean.Build(clips, rng), clips), w => Assert.Equal(0, w));

        var all = new TrainingBatchBuilder(data, tokenizer, 0, 0, ConditionMix.Parse("context"), lossyContext: 1);
        var batch = all.Build(clips, rng);
        Assert.All(WhichContext(data, batch, clips), w => Assert.Equal(1, w));
        Assert.True(batch.Condition.Mask.narrow(2, 0, 2).eq(1).all().item<bool>());   // the context frames are marked given
        Assert.True(batch.Condition.Mask.narrow(2, 2, 1).eq(0).all().item<bool>());   // the rest is generated

        var half = new TrainingBatchBuilder(data, tokenizer, 0, 0, ConditionMix.Parse("context"), lossyContext: 0.5);
        var many = Enumerable.Range(0, 50).SelectMany(_ => WhichContext(data, half.Build(clips, rng), clips)).ToList();
        Assert.InRange(many.Average(), 0.4, 0.6);
    }

    [Fact]
    public void Asking_for_lossy_contexts_from_latents_without_them_fails_loudly()
    {
        using var data = Latents(lossy: false);
        var builder = new TrainingBatchBuilder(data, CaptionTokenizer.Build(["a red ball moves right"], 16), 0, 0, ConditionMix.Parse("context"), lossyContext: 1);
        Assert.Throws<InvalidOperationException>(() => builder.Build([0, 1], new Random(1)));
    }

    [Fact]
    public void A_context_gives_frames_1_and_2_as_stills_from_the_same_frames_as_its_latents()
    {
        var stills = torch.randn([4, 3, 3, 2, 2]);                           // each clip's context frames 0, 1, 2 as stills
        using var data = Latents(lossy: true) with { ContextStills = stills, LossyContextStills = stills.add(torch.tensor(10f)) };
        var tokenizer = CaptionTokenizer.Build(["a red ball moves right"], 16);
        int[] clips = [2, 0, 3, 1];
        foreach (var lossy in new[] { 0.0, 1.0 })
        {
            var batch = new TrainingBatchBuilder(data, tokenizer, 0, 0, ConditionMix.Parse("context"), lossyContext: lossy, stillSlots: 4)
                .Build(clips, new Random(3));
            var given = batch.Condition.Stills!;
            Assert.Equal(new long[] { 4, 4 * (3 + 1), 3, 2, 2 }, given.shape);
            var source = lossy > 0 ? data.LossyContextStills! : data.ContextStills!;
            Assert.All(WhichContext(data, batch, clips), w => Assert.Equal(lossy > 0 ? 1 : 0, w));
            for (var i = 0; i < clips.Length; i++)
            {
                // Pixel frames 1 and 2 share latent frame 1: slots 0 and 1 there, with their masks.
                Assert.True(given[i, 0..3, 1].eq(source[clips[i], .., 1]).all().item<bool>());
                Assert.True(given[i, 3..6, 1].eq(source[clips[i], .., 2]).all().item<bool>());
                Assert.Equal(2f * 2 * 2, given[i, 12..16, 1].sum().item<float>());   // 2 slots × 2×2 positions
                Assert.Equal(0f, given[i, 6..12].abs().sum().item<float>());      // slots 2 and 3: no context frame
                Assert.Equal(0f, given[i, .., 0].abs().sum().item<float>() + given[i, .., 2].abs().sum().item<float>());
            }
        }
        // Text-to-video and first-frame samples give no stills; a set without stills cannot serve a model that reads them.
        var t2v = new TrainingBatchBuilder(data, tokenizer, 0, 0, ConditionMix.Parse("none:1,first:1"), stillSlots: 4).Build(clips, new Random(4));
        Assert.Equal(0f, t2v.Condition.Stills!.abs().sum().item<float>());
        using var bare = Latents(lossy: false);
        Assert.Throws<InvalidOperationException>(() => new TrainingBatchBuilder(bare, tokenizer, 0, 0, ConditionMix.Parse("context"), stillSlots: 4).Build([0], new Random(1)));
        Assert.Null(new TrainingBatchBuilder(data, tokenizer, 0, 0, ConditionMix.Parse("context")).Build(clips, new Random(5)).Condition.Stills);
    }

    [Fact]
    public void A_context_gives_all_its_frames_as_pixels_from_the_same_frames_as_its_latents()
    {
        // Each clip's frames 0, 1, 2 packed on the 2×2 latent grid of 8×8 clips (s = 4: 48 channels); the 4:2:0 ones + 1.
        var packed = torch.randint(0, 254, [4, 48, 3, 2, 2], torch.ScalarType.Byte);
        using var data = Latents(lossy: true) with { ContextPixels = packed, LossyContextPixels = packed.add(1).to_type(torch.ScalarType.Byte) };
        var tokenizer = CaptionTokenizer.Build(["a red ball moves right"], 16);
        int[] clips = [2, 0, 3, 1];
        foreach (var lossy in new[] { 0.0, 1.0 })
        {
            var batch = new TrainingBatchBuilder(data, tokenizer, 0, 0, ConditionMix.Parse("context"), lossyContext: lossy, pixelSlots: 4)
                .Build(clips, new Random(3));
            var given = batch.Condition.Pixels!;
            Assert.Equal(new long[] { 4, 4 * (48 + 1), 3, 2, 2 }, given.shape);
            Assert.Null(batch.Condition.Stills);
            Assert.All(WhichContext(data, batch, clips), w => Assert.Equal(lossy > 0 ? 1 : 0, w));
            var source = lossy > 0 ? data.LossyContextPixels! : data.ContextPixels!;
            for (var i = 0; i < clips.Length; i++)
            {
                var values = source[clips[i]].to_type(torch.ScalarType.Float32) / 127.5 - 1;   // (48, 3, 2, 2)
                // Frame 0 in slot 0 of latent frame 0; frames 1 and 2 in slots 0 and 1 of latent frame 1.
                Assert.True(given[i, 0..48, 0].allclose(values[.., 0], rtol: 0, atol: 1e-6));
                Assert.True(given[i, 0..48, 1].allclose(values[.., 1], rtol: 0, atol: 1e-6));
                Assert.True(given[i, 48..96, 1].allclose(values[.., 2], rtol: 0, atol: 1e-6));
                Assert.Equal(4f, given[i, 192, 0].sum().item<float>());             // slot 0's mask over 2×2 cells
                Assert.Equal(8f, given[i, 192..194, 1].sum().item<float>());        // slots 0 and 1
                Assert.Equal(4f + 8f, given[i, 192..196].sum().item<float>());      // no other mask
                Assert.Equal(0f, given[i, .., 2].abs().sum().item<float>());         // latent frame 2: generated
            }
        }
        // Text-to-video samples give none; a set without pixels cannot serve a model that reads them.
        var t2v = new TrainingBatchBuilder(data, tokenizer, 0, 0, ConditionMix.Parse("none:1"), pixelSlots: 4).Build(clips, new Random(4));
        Assert.Equal(0f, t2v.Condition.Pixels!.abs().sum().item<float>());
        using var bare = Latents(lossy: false);
        Assert.Throws<InvalidOperationException>(() => new TrainingBatchBuilder(bare, tokenizer, 0, 0, ConditionMix.Parse("context"), pixelSlots: 4).Build([0], new Random(1)));
    }
}
