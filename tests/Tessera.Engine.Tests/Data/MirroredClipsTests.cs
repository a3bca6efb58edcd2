using Tessera.Engine.Data;
using Tessera.Engine.Text;
using Tessera.World.Datasets;
using Tessera.World.Evaluation;
using Tessera.World.Scenarios;
using Tessera.World.Scenes;

namespace Tessera.Engine.Tests.Data;

/// <summary>
/// The mirror images `train dit --mirror` adds are true clips of their mirrored captions: the world evaluator reads
/// each mirrored video as doing what its swapped caption says, and the unmirrored one as not doing it.
/// </summary>
public sealed class MirroredClipsTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("tessera-mirror-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void MirrorImagesOfSideClipsMatchTheirSwappedCaptions()
    {
        DatasetWriter.Write(new DatasetRequest(ScenarioKind.Free, new SceneFormat(64, 64, 9, 8), 16, _dir, Seed: 31,
            ShardSize: 8, ClipFormat: ClipFileFormat.Raw, Mix: FreeSceneMix.LoneMover));
        var data = ClipDataset.Open(_dir);
        var mirrored = new MirroredClips(data, data.Count);

        // Lone movers go left, right, up or down: exactly the sideways ones are mirrored.
        var sideways = Enumerable.Range(0, data.Count).Where(i => data.CaptionsAt(i).Any(CaptionMirror.NamesSide)).ToList();
        Assert.InRange(sideways.Count, 2, data.Count - 2);
        Assert.Equal(sideways, Enumerable.Range(0, mirrored.Count).Select(mirrored.SourceIndex));
        Assert.StartsWith("mirrored:", mirrored.PartKey(0, mirrored.Count));
        // A part's key follows its own clips: the first half of the mirror images keeps its key when the set is cut
        // short after them (a data set that grows keeps its cached parts), and the other half has another key.
        var half = mirrored.Count / 2;
        var shorter = new MirroredClips(data, mirrored.SourceIndex(half - 1) + 1);
        Assert.Equal(half, shorter.Count);
        Assert.Equal(mirrored.PartKey(0, half), shorter.PartKey(0, half));
        Assert.NotEqual(mirrored.PartKey(0, half), mirrored.PartKey(half, half));

        for (var k = 0; k < mirrored.Count; k++)
        {
            var original = data.Get(mirrored.SourceIndex(k));
            var image = mirrored.Get(k);
            Assert.Equal(original.FramesRgb.Select(f => MirroredClips.MirrorRows(f, 64, 64)), image.FramesRgb);
            Assert.Equal(original.Captions.Select(CaptionMirror.Mirror), image.Captions);
            Assert.NotEqual(original.Captions, image.Captions);

            var english = image.Captions[0];
            var expectation = Expectation.FromPrompt(english);
            Assert.True(VideoEvaluator.Evaluate(image.Id, image.FramesRgb, 64, 64, expectation).DirectionOk, $"mirror image vs \"{english}\"");
            Assert.False(VideoEvaluator.Evaluate(original.Id, original.FramesRgb, 64, 64, expectation).DirectionOk, $"original vs \"{english}\"");
        }
    }

    [Fact]
    public void RowsAreReversedPixelByPixel()
    {
        byte[] frame = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];      // 2×2 RGB
        Assert.Equal([4, 5, 6, 1, 2, 3, 10, 11, 12, 7, 8, 9], MirroredClips.MirrorRows(frame, 2, 2));
    }
}
