namespace Tessera.Edit.Tests;

/// <summary>Renders small timelines of lavfi sources and checks the result as a viewer would see and hear it.</summary>
[Collection("media")]
public sealed class RenderSequenceTests(TestMedia media)
{
    // red 0–2 s, crossfade 0.5 s into blue (1.5 s from its 0.5 s mark), a cut to a 1 s green image.
    // Plan: 2 + 1.5 + 1 − 0.5 = 4.0 s = 120 frames; the crossfade spans 1.5–2.0 s; the title 0.5–1.5 s.
    private const string Sequence = """
        { "width": 160, "height": 90, "fps": 30,
          "tracks": [ { "clips": [
             { "video": "red.mp4", "transition": { "type": "crossfade", "duration": 0.5 } },
             { "video": "blue.mp4", "in": 0.5 },
             { "image": "green.png", "duration": 1 } ] } ],
          "texts": [ { "text": "TITLE", "start": 0.5, "end": 1.5, "size": 30, "color": "white" } ] }
        """;

    [Fact]
    public void Sequence_has_planned_length_colours_crossfade_and_title_interval()
    {
        var path = media.Write("sequence.json", Sequence);
        var output = media.Out("sequence.mp4");
        new TimelineRenderer().Render(TimelineLoader.Load(path), output, RenderOptions.Default);
        var d = new Decoded(output);

        Assert.Equal(120, d.Frames.Count);
        Assert.InRange(d.Info.Video!.DurationSeconds ?? d.Info.DurationSeconds, 4.0 - 1 / 30.0, 4.0 + 1 / 30.0);
        Assert.Equal((160, 90), (d.Width, d.Height));

        AssertColour(d.Mean(5, 0, 0, 0.15, 0.15), 255, 0, 0);   // red at 0.17 s (a corner: the title is in the middle)
        AssertColour(d.Mean(75), 0, 0, 255);                    // blue at 2.5 s
        AssertColour(d.Mean(110), 0, 255, 0);                   // green image at 3.67 s
        var mid = d.Mean(52);                                   // 1.75 s: halfway through the crossfade
        Assert.InRange(mid.R, 80, 175);
        Assert.InRange(mid.B, 80, 175);
        // Just before and after the crossfade the pictures are pure.
        AssertColour(d.Mean(44, 0, 0, 0.15, 0.15), 255, 0, 0);
        AssertColour(d.Mean(61), 0, 0, 255);

        // The title shows from frame 15 (0.5 s) to frame 44 (1.47 s), and not outside.
        Assert.True(d.WhitePixels(15) > 50, "title missing at its start");
        Assert.True(d.WhitePixels(30) > 50, "title missing in its middle");
        Assert.True(d.WhitePixels(44) > 50, "title missing at its last frame");
        Assert.Equal(0, d.WhitePixels(14));
        Assert.Equal(0, d.WhitePixels(45));
        Assert.Equal(0, d.WhitePixels(80));
    }

    [Fact]
    public void Audio_lasts_as_long_as_the_video_at_the_sources_level()
    {
        var path = media.Write("audio-sync.json", """
            { "width": 160, "height": 90, "fps": 30,
              "tracks": [ { "clips": [
                 { "video": "red.mp4" },
                 { "video": "blue.mp4", "speed": 2, "transition": { "type": "fade", "duration": 0.5 } },
                 { "video": "red.mp4", "in": 1, "out": 2 } ] } ] }
            """);
        var output = media.Out("audio-sync.mp4");
        new TimelineRenderer().Render(TimelineLoader.Load(path), output, RenderOptions.Default);
        var d = new Decoded(output);
        // 2 + 1 (blue at 2x) + 1 − 0.5 = 3.5 s.
        Assert.Equal(105, d.Frames.Count);
        var audioSeconds = d.Info.Audio!.DurationSeconds!.Value;
        Assert.InRange(audioSeconds, 3.5 - 1 / 30.0, 3.5 + 1 / 30.0);
        var samples = Decoded.Samples(output);
        // A sine of amplitude 0.25 has RMS 0.177; every stretch of the output carries it (±2 dB for AAC and fades).
        // (A cut at 2 s, then a crossfade at 2.5–3 s: concat followed by xfade.)
        foreach (var (from, to) in new[] { (0.1, 1.9), (2.05, 2.45), (3.05, 3.45) })
            Assert.InRange(Decoded.Rms(samples, from, to), 0.14, 0.22);
        // Through the crossfade the level never drops out.
        for (var t = 2.5; t < 3.0; t += 0.1) Assert.InRange(Decoded.Rms(samples, t, t + 0.1), 0.08, 0.3);
        var d2 = d.Mean(65);   // 2.17 s: blue after the cut
        RenderSequenceTests.AssertColour(d2, 0, 0, 255);
    }

    [Fact]
    public void Music_track_plays_at_its_volume_and_fades_out()
    {
        var path = media.Write("music.json", """
            { "width": 160, "height": 90, "fps": 30,
              "tracks": [ { "clips": [ { "color": "black", "duration": 3 } ] } ],
              "audio": [ { "file": "music.wav", "volume": 0.5, "start": 0.5, "fadeOut": 1 } ] }
            """);
        var output = media.Out("music.mp4");
        new TimelineRenderer().Render(TimelineLoader.Load(path), output, RenderOptions.Default);
        var samples = Decoded.Samples(output);
        Assert.InRange(samples.Length / 48000.0, 3 - 1 / 30.0, 3 + 1 / 30.0);
        Assert.True(Decoded.Rms(samples, 0.05, 0.45) < 0.005, "silence before the music starts");
        Assert.InRange(Decoded.Rms(samples, 0.6, 1.9), 0.07, 0.11); // 0.177 × 0.5 = 0.088
        Assert.True(Decoded.Rms(samples, 2.9, 3.0) < 0.03, "faded out at the end");
    }

    [Fact]
    public void Same_timeline_renders_the_same_frames_twice()
    {
        var path = media.Write("twice.json", Sequence.Replace("\"end\": 1.5", "\"end\": 3.5"));
        var a = media.Out("twice-a.mp4");
        var b = media.Out("twice-b.mp4");
        var timeline = TimelineLoader.Load(path);
        new TimelineRenderer().Render(timeline, a, RenderOptions.Default);
        new TimelineRenderer().Render(timeline, b, RenderOptions.Default);
        var fa = new Decoded(a).Frames;
        var fb = new Decoded(b).Frames;
        Assert.Equal(fa.Count, fb.Count);
        for (var i = 0; i < fa.Count; i++) Assert.True(fa[i].AsSpan().SequenceEqual(fb[i]), $"frame {i} differs");
    }

    internal static void AssertColour((double R, double G, double B) c, double r, double g, double b, double tolerance = 40)
    {
        Assert.True(Math.Abs(c.R - r) <= tolerance && Math.Abs(c.G - g) <= tolerance && Math.Abs(c.B - b) <= tolerance,
            $"expected about ({r}, {g}, {b}), got ({c.R:0}, {c.G:0}, {c.B:0})");
    }
}
