using Tessera.Media;

namespace Tessera.Edit.Tests;

public sealed class TemplateTests
{
    private const string Template = """
        { "placeholders": { "title": { "description": "the headline" }, "seconds": "2", "colour": "#ff0000" },
          "width": 160, "height": 90,
          "tracks": [ { "clips": [ { "color": "{{colour}}", "duration": "{{seconds}}" } ] } ],
          "texts": [ { "text": "Hello {{title}}!", "end": "{{seconds}}" } ] }
        """;

    [Fact]
    public void Fills_placeholders_from_set_values_and_defaults()
    {
        var t = TimelineLoader.Parse(Template, "template.json", new Dictionary<string, string> { ["title"] = "世界", ["seconds"] = "3" });
        Assert.Equal("Hello 世界!", t.Texts[0].Text);
        Assert.Equal(3, t.Texts[0].End);
        Assert.Equal(3, t.Tracks[0].Clips[0].Duration);
        Assert.Equal(new ColorSource("0xFF0000"), t.Tracks[0].Clips[0].Source);
    }

    [Fact]
    public void Missing_and_unknown_placeholders_are_errors()
    {
        var e = Assert.Throws<TesseraError>(() =>
            TimelineLoader.Parse(Template, "template.json", new Dictionary<string, string> { ["titel"] = "x" }));
        Assert.Contains("--set titel: the timeline has no placeholder \"titel\"; did you mean \"title\"?", e.Message);
        Assert.Contains("$.texts[0].text: placeholder \"title\" has no value; pass --set title=VALUE", e.Message);
    }
}
