using Tessera.Engine.Native;
using Tessera.Engine.Patches;
using TorchSharp;

namespace Tessera.Engine.Tests.Patches;

public sealed class SpacetimePatcherTests
{
    [Theory]
    [InlineData(5, 16, 16)]   // 1:1 clip
    [InlineData(5, 18, 32)]   // 16:9
    [InlineData(5, 32, 18)]   // 9:16
    [InlineData(1, 16, 16)]   // a still is a 1-frame video
    public void PatchesRoundTripForAnyShape(int t, int h, int w)
    {
        TorchNative.EnsureLoaded();
        using var scope = torch.NewDisposeScope();
        var patcher = new SpacetimePatcher();
        var x = torch.randn([2, 8, t, h, w]);
        var tokens = patcher.Patchify(x);
        Assert.Equal(new long[] { 2, t * (h / 2) * (w / 2), 8 * 4 }, tokens.shape);
        var back = patcher.Unpatchify(tokens, 8, patcher.Grid(t, h, w));
        Assert.True(back.equal(x).all().item<bool>());
    }

    [Fact]
    public void ATokenHoldsOneSpatialNeighbourhood()
    {
        TorchNative.EnsureLoaded();
        using var scope = torch.NewDisposeScope();
        // Only the 2×2 block at rows 2-3, columns 4-5 of frame 1 is non-zero: exactly one token lights up.
        var x = torch.zeros([1, 1, 2, 8, 8]);
        x[0, 0, 1, 2..4, 4..6] = torch.ones(2, 2);
        var tokens = new SpacetimePatcher().Patchify(x)[0];                        // (2·4·4, 4)
        var lit = tokens.abs().sum(1).nonzero().flatten().data<long>().ToArray();
        Assert.Equal([1 * 16 + 1 * 4 + 2], lit);
    }

    [Fact]
    public void PositionsAreDistinctForEveryToken()
    {
        TorchNative.EnsureLoaded();
        using var scope = torch.NewDisposeScope();
        var pos = SpacetimePositions.SinCos3D(96, (5, 8, 8));
        Assert.Equal(new long[] { 320, 96 }, pos.shape);
        var distances = torch.cdist(pos, pos) + torch.eye(320) * 1e3;
        Assert.True(distances.min().item<float>() > 0.1f);
        // A new size (9:16, 3 frames) needs no training: the same function covers it.
        Assert.Equal(new long[] { 3 * 9 * 16, 96 }, SpacetimePositions.SinCos3D(96, (3, 9, 16)).shape);
    }
}
