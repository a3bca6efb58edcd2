using Tessera.Engine.Dit;
using Tessera.Engine.Flow;
using Tessera.Engine.Generation;
using Tessera.Engine.Native;
using Tessera.Engine.Tests.Latents;
using Tessera.Engine.Text;
using Tessera.Engine.Latents;
using TorchSharp;
using static TorchSharp.torch;

namespace Tessera.Engine.Tests.Generation;

public sealed class ConsensusPickTests
{
    public ConsensusPickTests() => TorchNative.EnsureLoaded();

    [Fact]
    public void The_medoid_is_the_draw_nearest_the_others_and_an_outlier_does_not_pull_it()
    {
        // Summed distances: 0 → 113, 10 → 117, 1 → 110, 2 → 109, 100 → 387. The mean (22.6) would be nearest 10.
        using var draws = torch.tensor(new float[] { 0, 10, 1, 2, 100 }).view(5, 1, 1);
        Assert.Equal(3, ConsensusPick.Medoid(draws));
        using var one = torch.ones(1, 4, 2);
        Assert.Equal(0, ConsensusPick.Medoid(one));
    }

    private static readonly CaptionTokenizer Captions = CaptionTokenizer.Build(["a red ball moves right"], 16);

    [Fact]
    public void A_consensus_video_is_the_decoded_medoid_of_its_draws_and_its_first_draw_is_the_plain_video()
    {
        torch.manual_seed(5);
        using var model = new DiffusionTransformer(DitConfig.Micro with { LatentChannels = 3, VocabularySize = Captions.VocabularySize });
        using (torch.no_grad()) foreach (var p in model.parameters()) if (p.abs().sum().item<float>() == 0) p.normal_(0, 0.02);
        model.eval();
        var codec = new StandInCodec();
        Tensor? draws = null, plain = null;
        var consensus = new VideoSynthesis(model, Captions, codec, 5, torch.CPU) { DrawsSampled = d => draws = d.clone().DetachFromDisposeScope() };
        var single = new VideoSynthesis(model, Captions, codec, 5, torch.CPU) { DrawsSampled = d => plain = d.clone().DetachFromDisposeScope() };
        var request = new SynthesisRequest("a red ball moves right", [3, 4], 5, 32, 32, 3, 2.0, SamplerKind.Euler, Consensus: 4);

        var (videos, _) = consensus.Run(request);
        single.Run(request with { Consensus = 1 });

        Assert.Equal([8L, 3, 2, 8, 8], draws!.shape);
        Assert.True(plain!.eq(draws.view(2, 4, 3, 2, 8, 8)[.., 0]).all().item<bool>(), "draw 0 of each seed should be that seed's plain video");
        for (var v = 0; v < 2; v++)
        {
            var own = draws.view(2, 4, 3, 2, 8, 8)[v];
            Assert.False(own[0].eq(own[1]).all().item<bool>(), "the draws of one video should differ");
            var kept = VideoTensors.ToFrames(codec.Decode(own[ConsensusPick.Medoid(own)].unsqueeze(0))[0]).Take(5).ToArray();
            Assert.Equal(kept, videos[v]);
        }
    }
}
