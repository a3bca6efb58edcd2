using System.Text.RegularExpressions;

namespace Tessera.Engine.Text;

/// <summary>
/// What a caption says of the left-right mirror image of its video: "left" and "right" (and "leftward(s)",
/// "rightward(s)") trade places, as do 左 and 右. Everything else in a caption (colours, shapes, up and down,
/// sizes) reads the same of the mirror image.
/// </summary>
public static partial class CaptionMirror
{
    [GeneratedRegex(@"\b(left|right)(wards?)?\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex EnglishSide();

    /// <summary>Whether the caption names a side (so its mirror image reads differently).</summary>
    public static bool NamesSide(string caption) =>
        caption.Contains('左') || caption.Contains('右') || EnglishSide().IsMatch(caption);

    /// <summary>The caption of the mirrored video: left ↔ right, 左 ↔ 右, case kept.</summary>
    public static string Mirror(string caption)
    {
        var english = EnglishSide().Replace(caption, m =>
        {
            var word = m.Groups[1].Value;
            var swapped = word.Equals("left", StringComparison.OrdinalIgnoreCase) ? "right" : "left";
            if (char.IsUpper(word[0])) swapped = char.ToUpperInvariant(swapped[0]) + swapped[1..];
            if (word.All(char.IsUpper)) swapped = swapped.ToUpperInvariant();
            return swapped + m.Groups[2].Value;
        });
        return string.Create(english.Length, english, (span, text) =>
        {
            for (var i = 0; i < text.Length; i++)
                span[i] = text[i] switch { '左' => '右', '右' => '左', var c => c };
        });
    }
}
