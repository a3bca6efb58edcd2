using Tessera.Engine.Conditioning;
using Tessera.Engine.Native;
using TorchSharp;

namespace Tessera.Engine.Tests.Conditioning;

public sealed class ContextStillsTests
{
    public ContextStillsTests() => TorchNative.EnsureLoaded();

    [Theory]
    [InlineData(3, new[] { 1, 2 })]      // PhyWorld's protocol: frame 0 alone, then 1, 2 with 2 held twice
    [InlineData(4, new[] { 1, 2, 3 })]
    [InlineData(7, new[] { 5, 6 })]      // the whole group 1–4 is exact; 5, 6 share latent frame 2 with held copies
    [InlineData(1, new int[0])]          // a first frame is a still already
    [InlineData(5, new int[0])]          // whole groups: nothing is squeezed
    public void Only_frames_of_a_part_filled_group_are_given_as_stills(int contextFrames, int[] expected) =>
        Assert.Equal(expected, ContextStills.Frames(contextFrames, 4));

    [Fact]
    public void A_still_lands_in_its_latent_frame_and_slot_with_its_mask()
    {
        using var scope = torch.NewDisposeScope();
        var stills = ContextStills.Empty(2, 4, 3, 3, 2, 2);                    // 2 samples, 4 slots of 3 channels, 3 latent frames
        Assert.Equal(new long[] { 2, 16, 3, 2, 2 }, stills.shape);
        var latent = torch.full([3, 2, 2], 7f);
        ContextStills.Put(stills, 1, 2, latent, 4, 4);                         // pixel frame 2: latent frame 1, slot 1
        Assert.Equal(7f, stills[1, 3..6, 1].min().item<float>());             // slot 1's channels
        Assert.Equal(1f, stills[1, 12 + 1, 1].min().item<float>());            // slot 1's mask
        Assert.Equal(7f * 12 + 4, stills.sum().item<float>());                 // nothing else was touched
        ContextStills.Put(stills, 0, 9, latent, 4, 4);                         // latent frame 3: past this clip, left out
        Assert.Equal(0f, stills[0].abs().sum().item<float>());
        Assert.Throws<ArgumentOutOfRangeException>(() => ContextStills.Put(stills, 0, 0, latent, 4, 4));
        Assert.Throws<ArgumentException>(() => ContextStills.Put(stills, 0, 4, latent, 2, 4));   // slot 3 of a 2-slot model
    }
}
