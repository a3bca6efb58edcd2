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
}
