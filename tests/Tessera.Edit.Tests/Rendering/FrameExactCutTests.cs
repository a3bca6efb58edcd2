namespace Tessera.Edit.Tests;

[Collection("media")]
public sealed class FrameExactCutTests(TestMedia media)
{
    [Fact]
    public void Cuts_are_frame_exact_at_in_and_out_points()
    {
        // halves.mp4 turns from red to blue at frame 15 (0.5 s); its keyframes are 2 s apart, so cuts are decoded, not seeked to.
        var path = media.Write("cuts.json", """
            { "width": 160, "height": 90, "fps": 30, "tracks": [ { "clips": [
                { "video": "halves.mp4", "in": 0.4, "out": 0.5 },
                { "video": "halves.mp4", "in": 0.5, "out": 0.6 },
                { "video": "halves.mp4", "in": 0.4, "duration": 0.2 } ] } ] }
            """);
        var output = media.Out("cuts.mp4");
        new TimelineRenderer().Render(TimelineLoader.Load(path), output, RenderOptions.Default);
        var d = new Decoded(output);
        Assert.Equal(12, d.Frames.Count);
        const string expected = "rrrbbbrrrbbb"; // 0.4–0.5 red; 0.5–0.6 blue; 0.4–0.6 red then blue
        for (var i = 0; i < 12; i++)
        {
            var c = d.Mean(i);
            var ok = expected[i] == 'r' ? c.R > 200 && c.B < 50 : c.B > 200 && c.R < 50;
            Assert.True(ok, $"frame {i}: expected {(expected[i] == 'r' ? "red" : "blue")}, got ({c.R:0}, {c.G:0}, {c.B:0})");
        }
    }
}
