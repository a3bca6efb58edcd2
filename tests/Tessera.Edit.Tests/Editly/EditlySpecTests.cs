using Tessera.Media;

namespace Tessera.Edit.Tests;

/// <summary>editly specs render through the same timeline; what we do not support is named.</summary>
[Collection("media")]
public sealed class EditlySpecTests(TestMedia media)
{
    [Fact]
    public void Editly_spec_maps_onto_the_timeline_and_renders()
    {
        var path = media.Write("editly.json5", """
            // the editly README's shape
            {
              outPath: './ignored.mp4',
              width: 160, height: 90, fps: 30,
              keepSourceAudio: true,
              defaults: { transition: { name: 'fade', duration: 0.5 } },
              clips: [
                { layers: [{ type: 'video', path: 'red.mp4', resizeMode: 'cover' }, { type: 'title', text: 'HI' }] },
                { duration: 1, layers: [{ type: 'fill-color', color: '#00ff00' }] },
                { layers: [{ type: 'video', path: 'blue.mp4', cutFrom: 1, cutTo: 2, resizeMode: 'cover' }], transition: null },
              ],
            }
            """);
        var timeline = TimelineLoader.Load(path);
        var main = timeline.Tracks[0].Clips;
        Assert.Equal(3, main.Count);
        Assert.Equal(new Transition("$.clips[0].transition", "fade", 0.5), main[0].Transition! with { JsonPath = "$.clips[0].transition" });
        Assert.Equal(0.5, main[1].Transition!.Duration); // clamped to half the 1 s clip
        Assert.Null(main[2].Transition);
        Assert.Equal(FitMode.Cover, main[0].Fit);
        Assert.Equal(1, timeline.Mix.ClipVolume);
        var title = Assert.Single(timeline.Texts);
        Assert.Equal(("HI", 0.0, 2.0, 9.0), (title.Text, title.Start, title.End, title.Size)); // a tenth of the 90 px side

        var output = media.Out("editly.mp4");
        new TimelineRenderer().Render(timeline, output, RenderOptions.Default);
        var d = new Decoded(output);
        // 2 + 1 + 1 − 0.5 − 0.5 = 3 s.
        Assert.Equal(90, d.Frames.Count);
        RenderSequenceTests.AssertColour(d.Mean(5, 0, 0, 0.15, 0.15), 255, 0, 0);
        // The 1 s green clip is crossfaded on both sides (1.5–2.0 s and 2.0–2.5 s): mixed at 1.75 s, green at 2 s.
        var mixed = d.Mean(52);
        Assert.True(mixed.R > 60 && mixed.G > 60, $"expected red and green mixed, got {mixed}");
        RenderSequenceTests.AssertColour(d.Mean(60), 0, 255, 0, tolerance: 60);
        RenderSequenceTests.AssertColour(d.Mean(85), 0, 0, 255);
        Assert.InRange(Decoded.Samples(output).Length / 48000.0, 3 - 1 / 30.0, 3 + 1 / 30.0);
    }

    [Fact]
    public void Unsupported_editly_features_are_named()
    {
        var path = media.Write("editly-bad.json5", """
            {
              width: 160, height: 90, fast: true,
              clips: [
                { duration: 1, layers: [{ type: 'canvas', func: 'x' }], transition: { name: 'crosswarp' } },
                { duration: 1, layers: [{ type: 'fill-color' }, { type: 'title', text: 'x', colour: 'red' }] },
              ],
            }
            """);
        var e = Assert.Throws<TesseraError>(() => TimelineLoader.Load(path));
        Assert.Contains("$.fast: editly's \"fast\" is not supported by tessera render; use --preview", e.Message);
        Assert.Contains("$.clips[0].layers[0].type: editly layer type \"canvas\" is not supported", e.Message);
        Assert.Contains("$.clips[0].transition.name: editly transition \"crosswarp\" is not supported", e.Message);
        Assert.Contains("$.clips[1].layers[0].color: editly picks a random colour", e.Message);
        Assert.Contains("$.clips[1].layers[1].colour: unknown editly title layer field", e.Message);
    }
}
