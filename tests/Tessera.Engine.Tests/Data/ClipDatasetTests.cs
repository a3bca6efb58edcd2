using Tessera.Engine.Data;
using Tessera.Media;

namespace Tessera.Engine.Tests.Data;

public sealed class ClipDatasetTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("tessera-ds-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void ReadsSamplesAcrossShardsWithFramesAndCaptions()
    {
        SyntheticDataset.Write(_dir, count: 5, width: 32, height: 24, frames: 5, shardSize: 2);
        var ds = ClipDataset.Open(_dir);
        Assert.Equal((5, 32, 24, 5), (ds.Count, ds.Width, ds.Height, ds.Frames));
        var s = ds.Get(4);                                   // the third shard's only sample
        Assert.Equal("000004", s.Id);
        Assert.Equal(5, s.FramesRgb.Length);
        Assert.All(s.FramesRgb, f => Assert.Equal(32 * 24 * 3, f.Length));
        Assert.Contains(s.Captions, c => c.Contains("ball"));
        Assert.Contains("一个球", s.Captions);
        // Near-lossless: the decoded first frame's corner is the white background.
        Assert.True(s.FramesRgb[0][0] > 240 && s.FramesRgb[0][2] > 240);
    }

    [Fact]
    public void HalfWrittenLastIndexLineIsIgnored()
    {
        SyntheticDataset.Write(_dir, count: 2, width: 16, height: 16, frames: 1, shardSize: 4);
        File.AppendAllText(Path.Combine(_dir, "shard-00000", "index.jsonl"), "{\"id\":\"000002\",\"vid");
        Assert.Equal(2, ClipDataset.Open(_dir).Count);
    }

    [Fact]
    public void MissingFolderOrManifestIsAClearError()
    {
        var missing = Path.Combine(_dir, "nothing-here");
        Assert.Contains(missing, Assert.Throws<TesseraError>(() => ClipDataset.Open(missing)).Message);
        Directory.CreateDirectory(missing);
        Assert.Contains("dataset.json", Assert.Throws<TesseraError>(() => ClipDataset.Open(missing)).Message);
    }
}
