using Tessera.Engine.Text;

namespace Tessera.Engine.Tests.Text;

public sealed class CaptionTokenizerTests
{
    private static readonly string[] Captions = ["a red ball rolls to the right", "一个红色的球向右滚动", "a blue cube moves left"];

    [Fact]
    public void EnglishAndChineseCaptionsUseOnlyKnownRows()
    {
        var tokenizer = CaptionTokenizer.Build(Captions, 24);
        foreach (var caption in Captions)
        {
            var encoded = tokenizer.Encode(caption);
            Assert.Equal(CaptionTokenizer.Start, encoded.Rows[0]);
            Assert.DoesNotContain(CaptionTokenizer.Unknown, encoded.Rows);
            Assert.True(encoded.Rows.Count(r => r > CaptionTokenizer.Unknown) >= 3);
            Assert.Empty(encoded.UnknownWords);
        }
        // Case and spacing do not matter.
        Assert.Equal(tokenizer.Encode("a red ball rolls to the right").Rows, tokenizer.Encode("  A Red  ball rolls to the RIGHT ").Rows);
    }

    [Fact]
    public void UnknownWordsAreReportedAndTheRestStillEncodes()
    {
        var tokenizer = CaptionTokenizer.Build(Captions, 24);
        var encoded = tokenizer.Encode("a red giraffe rolls to the right");
        Assert.Contains("giraffe", encoded.UnknownWords);
        Assert.DoesNotContain("red", encoded.UnknownWords);
        Assert.Contains(CaptionTokenizer.Unknown, encoded.Rows);
        var zh = tokenizer.Encode("一个紫色的球");
        Assert.Contains("紫", zh.UnknownWords);
        Assert.DoesNotContain("球", zh.UnknownWords);
    }

    [Fact]
    public void EmptyCaptionIsTheStartTokenAlone()
    {
        var tokenizer = CaptionTokenizer.Build(Captions, 8);
        var rows = tokenizer.Encode("").Rows;
        Assert.Equal([CaptionTokenizer.Start, 0, 0, 0, 0, 0, 0, 0], rows);
        // Long captions are cut to the length, never overflow.
        Assert.Equal(8, tokenizer.Encode(string.Join(' ', Enumerable.Repeat("red ball", 40))).Rows.Length);
    }
}
