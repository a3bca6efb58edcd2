using Tessera.Engine.Data;
using Tessera.Media;
using Tessera.World.Datasets;
using Tessera.World.Rendering;
using Tessera.World.Scenarios;
using Tessera.World.Scenes;

namespace Tessera.Engine.Tests.Data;

/// <summary>
/// `world dataset --format raw` (for machines without ffmpeg, like the lent GPU machine) and the trainer's
/// reader agree: the clips come back byte for byte as the renderer drew them.
/// </summary>
public sealed class RawClipDatasetTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("tessera-raw-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static readonly SceneFormat Format = new(32, 32, 5, 8);

    private void WriteRaw(int count) =>
        DatasetWriter.Write(new DatasetRequest(ScenarioKind.Free, Format, count, _dir, Seed: 7, ShardSize: 2, ClipFormat: ClipFileFormat.Raw));

    [Fact]
    public void RawClipsReadBackExactlyAsRendered()
    {
        WriteRaw(3);
        Assert.Contains("\"video\": \"rgb24\"", File.ReadAllText(Path.Combine(_dir, "dataset.json")));
        Assert.True(File.Exists(Path.Combine(_dir, "shard-00001", "000002.rgb")));
        Assert.False(File.Exists(Path.Combine(_dir, "shard-00000", "000000.mp4")));

        var ds = ClipDataset.Open(_dir);
        Assert.Equal((3, 32, 32, 5), (ds.Count, ds.Width, ds.Height, ds.Frames));
        var sample = ds.Get(2);
        Assert.NotEmpty(sample.Captions);

        var expected = WorldScenes.Sample(ScenarioKind.Free, DatasetWriter.SampleSeed(7, 2), Format);
        using var renderer = new SceneRenderer(expected.Scene);
        Assert.Equal(expected.Truth.FrameStates.Count, sample.FramesRgb.Length);
        var frame = new byte[renderer.FrameBytes];
        for (var f = 0; f < sample.FramesRgb.Length; f++)
        {
            renderer.Render(expected.Truth.FrameStates[f], frame);
            Assert.Equal(frame, sample.FramesRgb[f]);
        }
    }

    [Fact]
    public void ARawRunResumesButRefusesToMixWithMp4()
    {
        WriteRaw(2);
        WriteRaw(3);                                           // resumes: one more sample
        Assert.Equal(3, ClipDataset.Open(_dir).Count);
        var mp4 = new DatasetRequest(ScenarioKind.Free, Format, 4, _dir, Seed: 7, ShardSize: 2);
        Assert.Contains("different data set", Assert.Throws<TesseraError>(() => DatasetWriter.Write(mp4)).Message);
    }

    [Fact]
    public void TruncatedRawClipIsAClearError()
    {
        WriteRaw(1);
        var clip = Path.Combine(_dir, "shard-00000", "000000.rgb");
        File.WriteAllBytes(clip, File.ReadAllBytes(clip)[..100]);
        var e = Assert.Throws<TesseraError>(() => ClipDataset.Open(_dir).Get(0));
        Assert.Contains("000000.rgb", e.Message);
        Assert.Contains("truncated", e.Message);
    }
}
