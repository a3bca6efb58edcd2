namespace Tessera.Edit.Tests;

[Collection("media")]
public sealed class SubtitleTests(TestMedia media)
{
    [Fact]
    public void Srt_cues_become_timed_texts()
    {
        File.WriteAllText(Path.Combine(media.Dir, "subs.srt"), "1\n00:00:00,500 --> 00:00:01,250\n<i>你好</i>\n\n2\n00:00:01,500 --> 00:00:02,000\nsecond\nline two\n");
        var path = media.Write("subs.json", """
            { "width": 160, "height": 90, "tracks": [ { "clips": [ { "color": "black", "duration": 2 } ] } ],
              "subtitles": [ { "srt": "subs.srt", "size": 20, "outline": 2, "box": "#00000080" } ] }
            """);
        var t = TimelineLoader.Load(path);
        Assert.Equal(2, t.Texts.Count);
        Assert.Equal(("你好", 0.5, 1.25), (t.Texts[0].Text, t.Texts[0].Start, t.Texts[0].End));
        Assert.Equal(("second\nline two", 1.5, 2.0), (t.Texts[1].Text, t.Texts[1].Start, t.Texts[1].End));
        Assert.Equal(0.9, t.Texts[1].Y);
    }
}
