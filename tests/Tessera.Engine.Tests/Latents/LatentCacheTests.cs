using Tessera.Engine.Data;
using Tessera.Engine.Latents;
using Tessera.Engine.Native;
using Tessera.Engine.Tests.Data;
using Tessera.Media;
using TorchSharp;
using static TorchSharp.torch;

namespace Tessera.Engine.Tests.Latents;

/// <summary>
/// Training reuses cached latents across restarts, so the cache must never hand back latents of clips the data set no
/// longer holds: a user who writes a new data set into the same folder trains on the new clips.
/// </summary>
public sealed class LatentCacheTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("tessera-latent-cache-").FullName;

    public LatentCacheTests() => TorchNative.EnsureLoaded();

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void APartIsReusedForTheSameClipsAndMadeAgainForADataSetRewrittenInPlace()
    {
        var data = Path.Combine(_root, "data");
        var cache = Path.Combine(_root, "cache");
        var codec = new StandInCodec();
        SyntheticDataset.Write(data, count: 8, width: 32, height: 32, frames: 5, seed: 1);
        var before = ClipDataset.Open(data);
        var counts = new List<LatentCacheCounts>();
        using (var first = LatentCache.Build(before, codec, "stand-in", cache, counted: counts.Add))
            Assert.Equal(Captions(before), first.Captions);
        var part = Path.Combine(cache, "part-00000.safetensors");
        var written = File.GetLastWriteTimeUtc(part);

        using (var again = LatentCache.Build(ClipDataset.Open(data), codec, "stand-in", cache, counted: counts.Add))
            Assert.Equal(Captions(before), again.Captions);
        Assert.Equal(written, File.GetLastWriteTimeUtc(part));

        // Same folder, same count, same ids, other clips: the cache must follow the clips, not their positions.
        Directory.Delete(data, recursive: true);
        SyntheticDataset.Write(data, count: 8, width: 32, height: 32, frames: 5, seed: 2);
        var after = ClipDataset.Open(data);
        Assert.NotEqual(Captions(before), Captions(after));
        using var rewritten = LatentCache.Build(after, codec, "stand-in", cache, counted: counts.Add);
        Assert.Equal(Captions(after), rewritten.Captions);
        // What the trainer logs after each build: all encoded, then all reused, then all encoded again.
        Assert.Equal([new LatentCacheCounts(0, 8), new LatentCacheCounts(8, 0), new LatentCacheCounts(0, 8)], counts);
    }

    [Fact]
    public void Lossy_contexts_are_the_4_2_0_frames_encoded_and_are_added_to_a_cache_made_without_them()
    {
        var data = Path.Combine(_root, "data");
        var cache = Path.Combine(_root, "cache");
        var codec = new StandInCodec();
        SyntheticDataset.Write(data, count: 6, width: 32, height: 32, frames: 9, seed: 3);
        var dataset = ClipDataset.Open(data);
        var counts = new List<LatentCacheCounts>();
        Tensor clean;
        using (var plain = LatentCache.Build(dataset, codec, "stand-in", cache, counted: counts.Add))
        {
            Assert.Null(plain.LossyContext);
            clean = plain.Video.clone();
        }
        using var lossy = LatentCache.Build(dataset, codec, "stand-in", cache, counted: counts.Add, lossyContext: true);
        // The part was rewritten with the new tensor; its other latents are the ones cached before.
        Assert.Equal([new LatentCacheCounts(0, 6), new LatentCacheCounts(0, 0, 6)], counts);
        Assert.True(lossy.Video.eq(clean).all().item<bool>());
        Assert.NotNull(lossy.LossyContext);
        Assert.Equal(lossy.Context.shape, lossy.LossyContext!.shape);
        Assert.False(lossy.LossyContext.allclose(lossy.Context, rtol: 0, atol: 1e-4), "4:2:0 frames encoded like the clean ones");

        // Clip 4's context: frames 0, 1, 2 with frame 2 held to 5 frames, through 4:2:0, then the codec.
        var frames = dataset.Get(4).FramesRgb;
        var held = new[] { 0, 1, 2, 2, 2 }.Select(i => frames[i]).ToList();
        using var expected = codec.Encode(VideoTensors.FromFrames(ChromaSubsampling.RoundTrip420(held, 32, 32), 32, 32).unsqueeze(0));
        Assert.True(lossy.LossyContext[4].allclose(expected[0], rtol: 0, atol: 1e-6));

        using var reused = LatentCache.Build(dataset, codec, "stand-in", cache, counted: counts.Add, lossyContext: true);
        Assert.Equal(new LatentCacheCounts(6, 0), counts[^1]);
        Assert.True(reused.LossyContext!.eq(lossy.LossyContext).all().item<bool>());
        clean.Dispose();
    }

    [Fact]
    public void Context_stills_are_each_context_frame_encoded_alone_and_are_added_to_a_cache_made_without_them()
    {
        var data = Path.Combine(_root, "data");
        var cache = Path.Combine(_root, "cache");
        var codec = new StandInCodec();
        SyntheticDataset.Write(data, count: 5, width: 32, height: 32, frames: 9, seed: 4);
        var dataset = ClipDataset.Open(data);
        var counts = new List<LatentCacheCounts>();
        Tensor context;
        using (var plain = LatentCache.Build(dataset, codec, "stand-in", cache, counted: counts.Add))
        {
            Assert.Null(plain.ContextStills);
            context = plain.Context.clone();
        }
        using var stills = LatentCache.Build(dataset, codec, "stand-in", cache, counted: counts.Add, lossyContext: true, contextStills: true);
        Assert.True(stills.Context.eq(context).all().item<bool>());
        Assert.Equal(new long[] { 5, 3, 3, 8, 8 }, stills.ContextStills!.shape);           // (clips, C, context frames, h, w)
        Assert.Equal(stills.ContextStills.shape, stills.LossyContextStills!.shape);

        // Clip 3's frame 2 alone, and the same frame after the 4:2:0 round trip of its held context.
        var frames = dataset.Get(3).FramesRgb;
        using var clean = codec.Encode(VideoTensors.FromFrames([frames[2]], 32, 32).unsqueeze(0));
        Assert.True(stills.ContextStills[3, .., 2].allclose(clean[0, .., 0], rtol: 0, atol: 1e-6));
        var lossyFrames = ChromaSubsampling.RoundTrip420(new[] { 0, 1, 2, 2, 2 }.Select(i => frames[i]).ToList(), 32, 32);
        using var lossy = codec.Encode(VideoTensors.FromFrames([lossyFrames[2]], 32, 32).unsqueeze(0));
        Assert.True(stills.LossyContextStills[3, .., 2].allclose(lossy[0, .., 0], rtol: 0, atol: 1e-6));
        Assert.False(stills.LossyContextStills.allclose(stills.ContextStills, rtol: 0, atol: 1e-4));
        // Frames 1 and 2 differ as stills, though the held context squeezes them into one latent frame.
        Assert.False(stills.ContextStills[3, .., 1].allclose(stills.ContextStills[3, .., 2], rtol: 0, atol: 1e-4));

        using var reused = LatentCache.Build(dataset, codec, "stand-in", cache, counted: counts.Add, lossyContext: true, contextStills: true);
        Assert.Equal([new LatentCacheCounts(0, 5), new LatentCacheCounts(0, 0, 5), new LatentCacheCounts(5, 0)], counts);
        Assert.True(reused.ContextStills!.eq(stills.ContextStills).all().item<bool>());
        context.Dispose();
    }

    [Fact]
    public void Context_pixels_are_the_context_frames_on_the_latent_grid_and_are_added_to_a_cache_made_without_them()
    {
        var data = Path.Combine(_root, "data");
        var cache = Path.Combine(_root, "cache");
        var codec = new StandInCodec();
        SyntheticDataset.Write(data, count: 5, width: 32, height: 32, frames: 9, seed: 4);
        var dataset = ClipDataset.Open(data);
        var counts = new List<LatentCacheCounts>();
        using (var plain = LatentCache.Build(dataset, codec, "stand-in", cache, counted: counts.Add)) Assert.Null(plain.ContextPixels);
        using var set = LatentCache.Build(dataset, codec, "stand-in", cache, counted: counts.Add, lossyContext: true, contextPixels: true);
        Assert.Equal(new long[] { 5, 3 * 4 * 4, 3, 8, 8 }, set.ContextPixels!.shape);        // (clips, 3·s², context frames, h, w)
        Assert.Equal(ScalarType.Byte, set.ContextPixels.dtype);
        Assert.Null(set.ContextStills);
        Assert.Equal(new LatentCacheCounts(0, 0, 5), counts[1]);                             // cached, completed with the pixels

        // Clip 3's frame 2 unfolded again is the frame; after the 4:2:0 round trip of its held context, that frame.
        var frames = dataset.Get(3).FramesRgb;
        static byte[] Unfold(Tensor packed) =>
            SpaceToDepthUnpack(packed).permute(1, 2, 0).contiguous().data<byte>().ToArray();           // (H, W, 3) bytes
        Assert.Equal(frames[2], Unfold(set.ContextPixels[3, .., 2]));
        var lossyFrames = ChromaSubsampling.RoundTrip420(new[] { 0, 1, 2, 2, 2 }.Select(i => frames[i]).ToList(), 32, 32);
        Assert.Equal(lossyFrames[2], Unfold(set.LossyContextPixels![3, .., 2]));
        Assert.NotEqual(frames[2], lossyFrames[2]);

        using var reused = LatentCache.Build(dataset, codec, "stand-in", cache, counted: counts.Add, lossyContext: true, contextPixels: true);
        Assert.Equal(new LatentCacheCounts(5, 0), counts[^1]);
        Assert.True(reused.ContextPixels!.eq(set.ContextPixels).all().item<bool>());
    }

    /// <summary>(3·4², h, w) → (3, 4h, 4w): the inverse of the packing, written out here so the test does not trust it.</summary>
    private static Tensor SpaceToDepthUnpack(Tensor packed)
    {
        var (h, w) = (packed.shape[1], packed.shape[2]);
        var result = torch.zeros([3, h * 4, w * 4], ScalarType.Byte);
        for (var c = 0; c < 3; c++)
        for (var dy = 0; dy < 4; dy++)
        for (var dx = 0; dx < 4; dx++)
            result[c, TensorIndex.Slice(dy, null, 4), TensorIndex.Slice(dx, null, 4)] = packed[c * 16 + dy * 4 + dx];
        return result;
    }

    private static List<IReadOnlyList<string>> Captions(ClipDataset data) =>
        Enumerable.Range(0, data.Count).Select(data.CaptionsAt).ToList();
}
