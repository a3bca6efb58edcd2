using Tessera.Engine.Data;
using Tessera.Engine.Latents;
using Tessera.Engine.Native;
using Tessera.Engine.Tests.Data;

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

    private static List<IReadOnlyList<string>> Captions(ClipDataset data) =>
        Enumerable.Range(0, data.Count).Select(data.CaptionsAt).ToList();
}
