namespace Tessera.Edit.Tests;

/// <summary>Fit modes, overlays, speed and preview size, each checked on decoded pixels.</summary>
[Collection("media")]
public sealed class CompositionTests(TestMedia media)
{
    [Fact]
    public void Reframes_16x9_into_9x16_by_cover_contain_and_blur()
    {
        var path = media.Write("reframe.json", """
            { "width": 90, "height": 160, "fps": 30, "background": "white", "tracks": [ { "clips": [
                { "video": "red.mp4", "out": 0.5, "fit": "cover" },
                { "video": "red.mp4", "out": 0.5, "fit": "contain" },
                { "video": "red.mp4", "out": 0.5, "fit": "blur" } ] } ] }
            """);
        var output = media.Out("reframe.mp4");
        new TimelineRenderer().Render(TimelineLoader.Load(path), output, RenderOptions.Default);
        var d = new Decoded(output);
        Assert.Equal((90, 160, 45), (d.Width, d.Height, d.Frames.Count));
        // cover: red everywhere, top included.
        RenderSequenceTests.AssertColour(d.Mean(7, 0, 0, 1, 0.1), 255, 0, 0);
        // contain: red band in the middle, background above it.
        RenderSequenceTests.AssertColour(d.Mean(22), 255, 0, 0);
        RenderSequenceTests.AssertColour(d.Mean(22, 0, 0, 1, 0.1), 255, 255, 255);
        // blur: the band's surroundings are the blurred clip (red), not the background.
        RenderSequenceTests.AssertColour(d.Mean(37), 255, 0, 0);
        RenderSequenceTests.AssertColour(d.Mean(37, 0, 0, 1, 0.1), 255, 0, 0, tolerance: 60);
    }

    [Fact]
    public void Overlay_clip_shows_only_in_its_interval_at_its_position_and_opacity()
    {
        var path = media.Write("overlay.json", """
            { "width": 160, "height": 90, "fps": 30, "tracks": [
                { "clips": [ { "video": "blue.mp4" } ] },
                { "clips": [ { "color": "#ff0000", "start": 0.5, "duration": 1, "scale": 0.5, "x": 0.25, "y": 0.25, "opacity": 0.5 } ] } ] }
            """);
        var output = media.Out("overlay.mp4");
        new TimelineRenderer().Render(TimelineLoader.Load(path), output, RenderOptions.Default);
        var d = new Decoded(output);
        Assert.Equal(60, d.Frames.Count);
        RenderSequenceTests.AssertColour(d.Mean(10, 0.05, 0.05, 0.45, 0.45), 0, 0, 255);      // before: blue
        RenderSequenceTests.AssertColour(d.Mean(30, 0.05, 0.05, 0.45, 0.45), 128, 0, 128);    // during: half red over blue
        RenderSequenceTests.AssertColour(d.Mean(30, 0.55, 0.55, 0.95, 0.95), 0, 0, 255);      // elsewhere: blue
        RenderSequenceTests.AssertColour(d.Mean(50, 0.05, 0.05, 0.45, 0.45), 0, 0, 255);      // after: blue
    }

    [Fact]
    public void Preview_renders_at_low_resolution()
    {
        var path = media.Write("preview.json", """
            { "width": 1920, "height": 1080, "fps": 30, "tracks": [ { "clips": [ { "color": "red", "duration": 0.5, "zoom": { "from": 1, "to": 1.2 } } ] } ],
              "texts": [ { "text": "预览", "end": 0.5, "size": 200 } ] }
            """);
        var output = media.Out("preview.mp4");
        new TimelineRenderer().Render(TimelineLoader.Load(path), output, new RenderOptions(Preview: true));
        var info = Tessera.Media.MediaProbe.Probe(output);
        Assert.Equal((640, 360), info.Video!.DisplaySize);
        Assert.Equal(15, info.Video.FrameCount);
    }

    [Fact]
    public void Cancelled_render_leaves_nothing_behind()
    {
        var path = media.Write("cancel.json", """{ "width": 160, "height": 90, "tracks": [ { "clips": [ { "color": "red", "duration": 1 } ] } ] }""");
        var output = media.Out("cancel.mp4");
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() =>
            new TimelineRenderer().Render(TimelineLoader.Load(path), output, RenderOptions.Default, ct: cts.Token));
        Assert.False(File.Exists(output));
        Assert.Empty(Directory.GetFiles(media.Dir, ".cancel.tmp-*"));
    }
}
