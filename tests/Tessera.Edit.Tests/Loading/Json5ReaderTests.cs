using System.Text.Json;
using Tessera.Media;

namespace Tessera.Edit.Tests;

public sealed class Json5ReaderTests
{
    private static JsonElement Read(string json5) => JsonDocument.Parse(Json5Reader.ToJson(json5, "spec.json5")).RootElement;

    [Fact]
    public void Reads_comments_trailing_commas_unquoted_keys_and_single_quotes()
    {
        var e = Read("""
            // editly spec
            {
              outPath: './out.mp4', /* block
              comment */
              clips: [ { duration: 2, layers: [{ type: 'title', text: 'it\'s "ok"', }], }, ],
              'quoted-key': "x",
            }
            """);
        Assert.Equal("./out.mp4", e.GetProperty("outPath").GetString());
        Assert.Equal(2, e.GetProperty("clips")[0].GetProperty("duration").GetInt32());
        Assert.Equal("it's \"ok\"", e.GetProperty("clips")[0].GetProperty("layers")[0].GetProperty("text").GetString());
        Assert.Equal("x", e.GetProperty("quoted-key").GetString());
    }

    [Fact]
    public void Reads_json5_numbers()
    {
        var e = Read("{ a: 0xFF, b: +1, c: .5, d: 5., e: -0x10, f: 1e3, g: '中文' }");
        Assert.Equal(255, e.GetProperty("a").GetInt32());
        Assert.Equal(1, e.GetProperty("b").GetInt32());
        Assert.Equal(0.5, e.GetProperty("c").GetDouble());
        Assert.Equal(5.0, e.GetProperty("d").GetDouble());
        Assert.Equal(-16, e.GetProperty("e").GetInt32());
        Assert.Equal(1000, e.GetProperty("f").GetDouble());
        Assert.Equal("中文", e.GetProperty("g").GetString());
    }

    [Fact]
    public void Plain_json_passes_through_unchanged_in_meaning()
    {
        var json = """{"a":[1,2.5,-3e-2,true,false,null],"b":{"c":"\u00e9\n"}}""";
        var e = Read(json);
        Assert.Equal("[1,2.5,-3e-2,true,false,null]", e.GetProperty("a").GetRawText());
        Assert.Equal("é\n", e.GetProperty("b").GetProperty("c").GetString());
    }

    [Theory]
    [InlineData("{ a: Infinity }", "spec.json5:1:6: Infinity has no JSON equivalent")]
    [InlineData("{\n  a: 1\n  b: 2 }", "spec.json5:3:3: expected ',' or '}'")]
    [InlineData("{ a: 'open }", "spec.json5:1:13: string is not closed")]
    [InlineData("{ /* never closed", "spec.json5:1:3: comment is not closed")]
    public void Errors_name_line_and_column(string json5, string expected)
    {
        var e = Assert.Throws<TesseraError>(() => Json5Reader.ToJson(json5, "spec.json5"));
        Assert.StartsWith(expected, e.Message);
    }
}
