using Tessera.Engine.Latents;
using Tessera.Engine.Native;
using TorchSharp;

namespace Tessera.Engine.Tests.Latents;

/// <summary>
/// The trainer joins a data set's latents with their mirror images' (gigabytes each): the join must keep every clip,
/// in order, with its captions, and let go of the inputs so memory does not double.
/// </summary>
public sealed class LatentSetTests
{
    public LatentSetTests() => TorchNative.EnsureLoaded();

    private static LatentSet Set(int count, float start) => new(
        torch.arange(start, start + count).reshape(count, 1, 1, 1, 1).expand(count, 2, 3, 2, 2).contiguous(),
        torch.full([count, 2, 1, 2, 2], start), torch.full([count, 2, 2, 2, 2], -start),
        Enumerable.Range(0, count).Select(i => (IReadOnlyList<string>)[$"clip {start + i}"]).ToList(), 3, 16, 16, 9, 8);

    [Fact]
    public void JoiningKeepsEveryClipInOrderAndFreesBothInputs()
    {
        var first = Set(3, 0);
        var second = Set(2, 10);
        using var joined = LatentSet.Join(first, second);

        Assert.Equal(5, joined.Count);
        Assert.Equal([0f, 1f, 2f, 10f, 11f], joined.Video[.., 0, 0, 0, 0].data<float>().ToArray());
        Assert.Equal([0f, 0f, 0f, 10f, 10f], joined.LastStill[.., 1, 0, 1, 1].data<float>().ToArray());
        Assert.Equal([0f, 0f, 0f, -10f, -10f], joined.Context[.., 0, 1, 0, 0].data<float>().ToArray());
        Assert.Equal(["clip 0", "clip 1", "clip 2", "clip 10", "clip 11"], joined.Captions.Select(c => c[0]));
        Assert.True(first.Video.IsInvalid);
        Assert.True(second.Context.IsInvalid);
    }

    [Fact]
    public void SetsOfDifferentShapesAreNotJoined()
    {
        using var small = Set(1, 0);
        using var other = Set(1, 5) with { Width = 32 };
        Assert.Throws<ArgumentException>(() => LatentSet.Join(small, other));
    }
}
